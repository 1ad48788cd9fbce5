using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Models;

[Collection(TorchRandomCollection.Name)]
public sealed class MlpTests
{
    [Fact]
    public void The_reference_mlp_costs_two_flops_per_weight_406528_per_item()
    {
        Assert.Equal([784, 256, 10], Mlp.Reference.Widths);
        Assert.Equal(2.0 * ((784 * 256) + (256 * 10)), Mlp.Reference.FlopsPerItem);
        Assert.Equal(406_528, Mlp.Reference.FlopsPerItem);
        Assert.Equal("MLP 784-256-10", Mlp.Reference.Name);
    }

    [Fact]
    public void The_bench_models_are_the_wide_and_the_heavy_mlp()
    {
        Assert.Equal("MLP 784-1024-1024-10", Mlp.Wide.Name);
        Assert.Equal("MLP 784-2048-2048-10", Mlp.Heavy.Name);
        Assert.Equal(2.0 * ((784 * 2048) + (2048 * 2048) + (2048 * 10)), Mlp.Heavy.FlopsPerItem); // about 11.6 million
        Assert.InRange(Mlp.Heavy.FlopsPerItem / Mlp.Reference.FlopsPerItem, 28, 29);
    }

    [Fact]
    public void The_module_has_the_counted_parameters_and_maps_inputs_to_outputs()
    {
        var mlp = new Mlp(12, 7, 5, 3);
        using var model = mlp.Create(CPU);

        var counted = model.parameters().Sum(p => p.numel());
        using var output = model.forward(zeros(4, 12));

        Assert.Equal((12 * 7) + 7 + (7 * 5) + 5 + (5 * 3) + 3, mlp.Parameters);
        Assert.Equal(mlp.Parameters, counted);
        Assert.Equal([4L, 3L], output.shape);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_as_the_hand_written_sequential_it_replaces()
    {
        TorchRuntime.Seed(7);
        using var built = Mlp.Reference.Create(CPU);
        TorchRuntime.Seed(7);
        using var byHand = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10));

        foreach (var (a, b) in built.parameters().Zip(byHand.parameters()))
        {
            Assert.True(a.equal(b).all().item<bool>(), "the weights differ: the layers are not created in the same order");
        }
    }

    [Fact]
    public void A_hidden_layer_of_another_width_keeps_the_inputs_and_outputs()
    {
        var wide = Mlp.Reference.WithHiddenLayer(2048);

        Assert.Equal([784, 2048, 10], wide.Widths);
        Assert.Equal(new Mlp(784, 2048, 10), wide);
        Assert.NotEqual(Mlp.Reference, wide);
        Assert.Equal(2.0 * 2048 * (784 + 10), wide.FlopsPerItem);
    }

    [Theory]
    [InlineData(new[] { 784 })]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 })]
    public void Fewer_than_two_or_more_than_sixteen_widths_are_refused(int[] widths)
    {
        var error = Assert.Throws<ArgumentException>(() => new Mlp(widths));

        Assert.Equal("widths", error.ParamName);
        Assert.Contains("from 2 to 16 widths", error.Message);
    }

    [Fact]
    public void A_width_of_zero_is_refused_naming_its_position()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(784, 0, 10));

        Assert.Equal("widths", error.ParamName);
        Assert.Contains("widths[1] must be from 1 to 1,000,000 units; got 0", error.Message);
    }
}

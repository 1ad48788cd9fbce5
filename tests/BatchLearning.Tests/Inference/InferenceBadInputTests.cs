using System.Runtime.InteropServices;
using BatchLearning.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Inference;

public sealed class InferenceBadInputTests
{
    private static nn.Module<Tensor, Tensor> Model() => nn.Sequential(nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 3));

    [Fact]
    public void A_NaN_feature_is_refused_naming_its_row_instead_of_being_classified()
    {
        var inputs = rand(50, 20);
        inputs[37, 4] = tensor(float.NaN);

        var error = Assert.Throws<ArgumentException>(() => BatchPredictor.Predict(Model(), inputs, batchSize: 16));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("row 37 holds NaN or infinity", error.Message);
    }

    [Fact]
    public void An_infinite_feature_is_refused_too()
    {
        var inputs = rand(5, 20);
        inputs[2, 0] = tensor(float.PositiveInfinity);

        var error = Assert.Throws<ArgumentException>(() => BatchPredictor.Predict(Model(), inputs, batchSize: 64));

        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Inputs_of_the_wrong_width_are_refused_in_the_learners_terms()
    {
        var error = Assert.Throws<ArgumentException>(() => BatchPredictor.Predict(Model(), rand(10, 19), batchSize: 4));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("The model's first layer expects 20 features per sample, inputs has 19 (features shape [10, 19]).", error.Message);
    }

    [Fact]
    public void A_libtorch_shape_error_is_translated_with_the_inner_error_kept()
    {
        var model = new Wrapped(nn.Linear(20, 3));

        var error = Assert.Throws<ArgumentException>(() => BatchPredictor.Predict(model, rand(10, 19), batchSize: 4));

        Assert.Contains("The model could not run on this data (features shape [10, 19])", error.Message);
        Assert.IsAssignableFrom<ExternalException>(error.InnerException);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Profile_repetitions_outside_1_to_100_are_refused(int repetitions)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BatchPredictor.Profile(Model(), rand(10, 20), [4], repetitions));

        Assert.Equal("repetitions", error.ParamName);
        Assert.Contains("from 1 to 100", error.Message);
    }

    [Fact]
    public void Profile_refuses_NaN_flops()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BatchPredictor.Profile(Model(), rand(10, 20), [4], 1, double.NaN));

        Assert.Equal("flopsPerItem", error.ParamName);
        Assert.Contains("finite number from 0", error.Message);
    }

    private sealed class Wrapped : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;

        public Wrapped(nn.Module<Tensor, Tensor> inner)
            : base(nameof(Wrapped))
        {
            _inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => _inner.forward(input);
    }
}

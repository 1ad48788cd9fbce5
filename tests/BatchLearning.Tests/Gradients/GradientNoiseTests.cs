using BatchLearning.Data;
using BatchLearning.Gradients;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Gradients;

[Collection(TorchRandomCollection.Name)]
public sealed class GradientNoiseTests
{
    [Fact]
    public void The_per_sample_variance_and_full_gradient_match_a_hand_computation_for_linear_regression()
    {
        // Squared error of a linear model at w = 0: the gradient of sample i is -2 y_i x_i, so G and tr(Σ) are plain averages.
        TorchRuntime.Seed(4);
        var x = randn(300, 5);
        var y = x.matmul(tensor(new[] { 1f, -2f, 0.5f, 0f, 3f })).unsqueeze(1) + randn(300, 1) * 0.5;
        using var data = new TensorDataSet(x, y);
        var model = nn.Linear(5, 1, hasBias: false);
        using (no_grad())
        {
            model.weight!.zero_();
        }

        var measured = GradientNoise.Measure(new Objective(model, nn.MSELoss()), data, [1, 10], draws: 4, traceSamples: 300);

        var perSample = -2 * y * x;
        var full = perSample.mean([0]);
        var trace = (perSample - full).square().sum(1).mean().item<float>();
        var norm = full.square().sum().item<float>();
        Assert.Equal(trace, measured.PerSampleTrace, trace * 1e-4);
        Assert.Equal(norm, measured.FullGradientSquaredNorm, norm * 1e-4);
        Assert.Equal(trace / norm, measured.SimpleNoiseScale, trace / norm * 1e-3);
    }

    [Fact]
    public void Mini_batch_gradient_variance_falls_as_one_over_the_batch_size()
    {
        using var data = SyntheticData.Blobs(1000, classes: 3, features: 8, spread: 4, seed: 2);
        TorchRuntime.Seed(5);
        var model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 3));

        var measured = GradientNoise.Measure(model, nn.CrossEntropyLoss(), data, [1, 4, 16, 64, 256], draws: 300, seed: 3);

        Assert.All(measured.Points, p => Assert.InRange(p.Ratio, 0.75, 1.33));
        var variances = measured.Points.Select(p => p.Variance).ToList();
        Assert.True(variances.Zip(variances.Skip(1)).All(pair => pair.First > pair.Second), string.Join(", ", variances));
        Assert.InRange(variances[0] / variances[^1], 256 * 0.6, 256 * 1.6 / (1 - 255 / 999.0));
    }

    [Fact]
    public void Out_of_range_arguments_are_refused()
    {
        using var data = SyntheticData.Blobs(50, classes: 2, features: 2, seed: 2);
        var model = nn.Linear(2, 2);

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => GradientNoise.Measure(model, nn.CrossEntropyLoss(), data, [51])).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => GradientNoise.Measure(model, nn.CrossEntropyLoss(), data, [5], draws: 1)).ParamName);
        Assert.Equal("traceSamples", Assert.Throws<ArgumentOutOfRangeException>(() => GradientNoise.Measure(new Objective(model, nn.CrossEntropyLoss()), data, [5], traceSamples: 51)).ParamName);
    }
}

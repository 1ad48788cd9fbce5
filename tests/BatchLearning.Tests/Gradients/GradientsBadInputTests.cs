using BatchLearning.Data;
using BatchLearning.Gradients;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Gradients;

/// <summary>Noise-scale samples with impossible batch sizes or NaN norms, and repeated batch sizes, are refused instead of giving NaN or doubled points.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class GradientsBadInputTests
{
    public static TheoryData<NoiseScaleSample, string> BadSamples() => new()
    {
        { new NoiseScaleSample(0, 64, 64, 1, 0.5), "big batch above it" },
        { new NoiseScaleSample(0, 0, 64, 1, 0.5), "big batch above it" },
        { new NoiseScaleSample(0, 256, 16, 1, 0.5), "big batch above it" },
        { new NoiseScaleSample(0, 16, 256, double.NaN, 0.5), "finite numbers from 0" },
        { new NoiseScaleSample(0, 16, 256, 1, -0.5), "finite numbers from 0" },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public void A_noise_scale_from_impossible_samples_is_refused(NoiseScaleSample bad, string range)
    {
        var good = new NoiseScaleSample(0, 16, 256, 1.0, 0.5);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseScaleEstimate.From([good, bad]));

        Assert.Equal("samples", error.ParamName);
        Assert.Contains("Sample 1", error.Message);
        Assert.Contains(range, error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseScaleEstimate.OverTraining([good, bad], window: 2));
    }

    [Fact]
    public void The_noise_scale_over_training_has_one_point_per_full_window_and_too_few_samples_are_refused()
    {
        var samples = Enumerable.Range(0, 27).Select(i => new NoiseScaleSample(i * 10, 16, 256, 1.0 + i, 0.5)).ToList();

        var points = NoiseScaleEstimate.OverTraining(samples, window: 10);

        Assert.Equal(2, points.Count);
        Assert.All(points, p => Assert.Equal(10, p.Samples));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseScaleEstimate.OverTraining(samples.Take(9), window: 10));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("9 noise-scale samples, fewer than one window of 10", error.Message);
    }

    [Fact]
    public void Repeated_batch_sizes_are_refused_naming_the_list()
    {
        using var data = SyntheticData.Blobs(50, classes: 2, features: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => GradientNoise.Measure(nn.Linear(2, 2), nn.CrossEntropyLoss(), data, [4, 8, 4], draws: 2));

        Assert.Equal("batchSizes", error.ParamName);
        Assert.Contains("lists 4 2 times", error.Message);
    }
}

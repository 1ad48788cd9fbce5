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
    public void Repeated_batch_sizes_are_refused_naming_the_list()
    {
        using var data = SyntheticData.Blobs(50, classes: 2, features: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => GradientNoise.Measure(nn.Linear(2, 2), nn.CrossEntropyLoss(), data, [4, 8, 4], draws: 2));

        Assert.Equal("batchSizes", error.ParamName);
        Assert.Contains("lists 4 2 times", error.Message);
    }
}

using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Hardware;

[Collection(TimingCollection.Name)]
public sealed class CeilingBenchmarkTests
{
    [Fact]
    public void A_square_product_timed_interleaved_with_the_ceiling_does_not_rise_above_it()
    {
        using var a = randn(512, 512);
        using var b = randn(512, 512);
        var comparison = CeilingBenchmark.Compare([new TimedWork("n = 512", 2.0 * 512 * 512 * 512, () => a.matmul(b))], rounds: 5, secondsPerPoint: 0.1);

        var point = Assert.Single(comparison.Points);
        Assert.True(comparison.Ceiling.PeakGigaflopsPerSecond > 0);
        Assert.Contains(comparison.Ceiling.PeakMatrixSize, CeilingBenchmark.MatrixSizes);
        Assert.True(point.ShareOfCeiling is > 0 and <= 1.05, $"share {point.ShareOfCeiling}");
        Assert.True(point.Seconds >= 0.1, $"timed {point.Seconds} s");
        Assert.Equal(point.GigaflopsPerSecond / comparison.Ceiling.PeakGigaflopsPerSecond, point.ShareOfCeiling, 9);
        Assert.True(double.IsNaN(comparison.Ceiling.ReadGigabytesPerSecond), "no bandwidth asked for");
        Assert.Throws<InvalidOperationException>(() => comparison.Ceiling.ToRoofline());
    }

    [Fact]
    public void The_read_bandwidth_is_measured_when_asked_and_gives_a_roofline()
    {
        var ceiling = CeilingBenchmark.Measure(rounds: 2, bandwidth: true);

        Assert.True(ceiling.ReadGigabytesPerSecond > 0);
        var roofline = ceiling.ToRoofline();
        Assert.Equal(ceiling.PeakGigaflopsPerSecond / ceiling.ReadGigabytesPerSecond, roofline.RidgePoint, 9);
    }

    [Fact]
    public void A_model_profiled_against_the_ceiling_reports_items_per_second_from_the_time_of_one_batch()
    {
        using var model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10));
        using var inputs = rand(256, 784);
        const double flops = 2.0 * (784 * 256 + 256 * 10);

        var profile = BatchPredictor.ProfileAgainstCeiling(model, inputs, [1, 256], flops, rounds: 3, secondsPerPoint: 0.05);

        Assert.Equal([1, 256], profile.Points.Select(p => p.BatchSize));
        Assert.All(profile.Points, p =>
        {
            Assert.Equal(p.BatchSize / (p.BatchMilliseconds / 1000), p.ItemsPerSecond, 6);
            Assert.Equal(p.ItemsPerSecond * flops / 1e9, p.GigaflopsPerSecond, 6);
            Assert.Equal(p.GigaflopsPerSecond / profile.Ceiling.PeakGigaflopsPerSecond, p.ShareOfCeiling, 9);
        });
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(101, 0.2)]
    [InlineData(5, 0.0)]
    [InlineData(5, double.NaN)]
    public void Rounds_and_seconds_out_of_range_are_refused_naming_the_range(int rounds, double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CeilingBenchmark.Compare([], rounds, seconds));

        Assert.Equal(rounds is < 1 or > 100 ? "rounds" : "secondsPerPoint", error.ParamName);
        Assert.Contains(rounds is < 1 or > 100 ? "from 1 to 100" : "from 0.001 to 60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_larger_than_the_inputs_is_refused_naming_the_rows()
    {
        using var model = nn.Linear(4, 2);
        using var inputs = rand(8, 4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BatchPredictor.ProfileAgainstCeiling(model, inputs, [16], flopsPerItem: 16));

        Assert.Equal("batchSizes", error.ParamName);
        Assert.Contains("from 1 to the 8 rows", error.Message, StringComparison.Ordinal);
    }
}

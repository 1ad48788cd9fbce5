using BatchLearning.Hardware;
using BatchLearning.Notebook;
using BatchLearning.Tests.Support;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Hardware;

[Collection(TimingCollection.Name)]
public sealed class MatrixProductBenchmarkTests
{
    [Fact]
    public void A_measurement_reports_the_flops_of_its_median_time()
    {
        var measurement = MatrixProductBenchmark.Measure(128, repetitions: 3);

        Assert.Equal(128, measurement.Size);
        Assert.True(measurement.MedianMilliseconds > 0);
        Assert.Equal(2.0 * 128 * 128 * 128 / (measurement.MedianMilliseconds / 1000) / 1e9, measurement.GigaflopsPerSecond, 6);
    }

    [Fact]
    public void One_batched_call_gives_the_same_products_as_separate_calls_and_is_faster_for_many_tiny_ones()
    {
        // One libtorch thread: the claim is about per-call cost, and a second thread waiting for a core that another
        // process holds (a notebook kernel of a parallel test) would stall the batched call for a scheduler tick.
        var threads = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(1);
        BatchedProductComparison comparison;
        try
        {
            comparison = MatrixProductBenchmark.CompareBatched(count: 1000, size: 16);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        Assert.True(comparison.MaxDifference < 1e-4, $"results differ by {comparison.MaxDifference}");
        Assert.True(comparison.SpeedUp > 1, $"1,000 separate calls took {comparison.OneByOneMilliseconds} ms, one batched call {comparison.BatchedMilliseconds} ms");
        Assert.Equal(15, comparison.Result.Rounds);
        Assert.Equal(HeadToHeadVerdict.SecondFaster, comparison.Finding.Verdict);
    }

    [Fact]
    public void Two_speed_ups_are_told_apart_only_when_their_per_round_intervals_do_not_overlap()
    {
        static BatchedProductComparison At(int size, double ratio, double spread)
        {
            var rounds = Enumerable.Range(0, 9).Select(i => ratio * (1 + spread * (i - 4) / 4)).ToList();
            var result = HeadToHead.Judge("one by one", "batched", new RoundTimes(rounds, Enumerable.Repeat(1.0, 9).ToList(), Enumerable.Repeat(1.0, 9).ToList()));
            return new BatchedProductComparison(20, size, ratio, 1, ratio, 0, result);
        }

        var small = At(32, 20, 0.2);
        Assert.Equal("smaller", At(512, 1.8, 0.2).SpeedUpAgainst(small));
        Assert.Equal("larger", At(512, 40, 0.1).SpeedUpAgainst(small));
        Assert.Null(At(512, 21, 0.3).SpeedUpAgainst(small));
        Assert.Contains("too close to call on this run", At(512, 21, 0.3).CompareSpeedUp(small), StringComparison.Ordinal);
        Assert.Contains("smaller with 512 x 512: a big product's own arithmetic is a far larger part of its time", At(512, 1.8, 0.2).CompareSpeedUp(small), StringComparison.Ordinal);
        Assert.Equal(HeadToHeadVerdict.SecondFaster, small.Finding.ExpectedVerdict);
        Assert.Null(At(512, 1.8, 0.2).Finding.ExpectedVerdict);
        Assert.Equal("Too close to call", Exercise.TooCloseToCall);
        Assert.StartsWith("Too close to call: you answered \"larger\"", Exercise.CheckUnlessTooClose("p", "larger", ["larger", "smaller"], null, "why."), StringComparison.Ordinal);
        Assert.StartsWith("Not quite", Exercise.CheckUnlessTooClose("p", "larger", ["larger", "smaller"], "smaller", "why."), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5, "size")]
    [InlineData(8193, 5, "size")]
    [InlineData(64, 0, "repetitions")]
    public void Bad_sizes_and_repetitions_are_refused_naming_the_argument(int size, int repetitions, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MatrixProductBenchmark.Measure(size, repetitions));

        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void A_batch_of_no_products_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MatrixProductBenchmark.CompareBatched(count: 0, size: 8));

        Assert.Equal("count", error.ParamName);
    }
}

using BatchLearning.Memory;

namespace BatchLearning.Tests.Memory;

public sealed class BatchSizeFinderTests
{
    [Fact]
    public void Doubling_then_binary_search_finds_the_exact_largest_batch()
    {
        var search = BatchSizeFinder.Find(b => (b <= 300, ""), initial: 2, maximum: 10_000);

        Assert.Equal(300, search.LargestBatchSize);
        Assert.Equal(new[] { 2, 4, 8, 16, 32, 64, 128, 256, 512 }, search.Trials.Take(9).Select(t => t.BatchSize));
        Assert.False(search.Trials[8].Fits);
        Assert.All(search.Trials.Skip(9), t => Assert.InRange(t.BatchSize, 257, 511));
    }

    [Fact]
    public void An_out_of_memory_error_counts_as_not_fitting_and_the_search_goes_on()
    {
        var search = BatchSizeFinder.Find(b => b > 100 ? throw new OutOfMemoryException("out of memory at " + b) : (true, "ok"), initial: 2, maximum: 1000);

        Assert.Equal(100, search.LargestBatchSize);
        Assert.Contains(search.Trials, t => !t.Fits && t.Detail.StartsWith("out of memory", StringComparison.Ordinal));
    }

    [Fact]
    public void The_search_stops_at_the_maximum_and_refuses_to_answer_when_nothing_fits()
    {
        Assert.Equal(1000, BatchSizeFinder.Find(_ => (true, ""), initial: 2, maximum: 1000).LargestBatchSize);
        Assert.Equal(1, BatchSizeFinder.Find(b => (b == 1, ""), initial: 2, maximum: 1000).LargestBatchSize);
        var none = Assert.Throws<InvalidOperationException>(() => BatchSizeFinder.Find(b => (false, $"peak {b} MiB of 0.5 MiB"), initial: 2, maximum: 1000));
        Assert.Contains("Not even a batch of 1 fits (peak 1 MiB of 0.5 MiB)", none.Message);
    }

    [Fact]
    public void Bad_search_bounds_are_refused()
    {
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeFinder.Find(_ => (true, ""), 0, 10)).ParamName);
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeFinder.Find(_ => (true, ""), 8, 4)).ParamName);
    }
}

using BatchLearning.Cli.Benchmarks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Hardware;

[Collection(TimingCollection.Name)]
public sealed class InferenceBenchmarkTests
{
    // Three interleaved repetitions, judged by their median as bench judges them: one repetition was at the mercy of a single busy moment
    // (a CI run put batch 64 at 1.12 of the ceiling while notebook kernels queued by other tests ran beside it).
    [Fact]
    public void The_bench_measures_the_ceiling_interleaved_with_the_mlp_so_no_share_of_it_exceeds_1_05()
    {
        var figures = InferenceBenchmark.ReferenceMlp([1, 64, 256], repetitions: 3, items: 256);

        var ceiling = Assert.Single(figures, f => f.Section == "ceiling");
        Assert.Contains("interleaved", ceiling.Name, StringComparison.Ordinal);
        var shares = figures.Where(f => f.Name.StartsWith("MLP batch", StringComparison.Ordinal) && f.Name.EndsWith("share of the ceiling", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, shares.Count);
        Assert.All(shares, s =>
        {
            Assert.Equal("<= 1.05 (measured interleaved)", s.Target);
            Assert.True(s.Met, $"{s.Name}: {s.Median}");
        });
    }
}

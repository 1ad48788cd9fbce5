using BatchLearning.Cli.Benchmarks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Hardware;

[Collection(TimingCollection.Name)]
public sealed class InferenceBenchmarkTests
{
    [Fact]
    public void The_bench_measures_the_ceiling_interleaved_with_the_mlp_so_no_share_of_it_exceeds_1_05()
    {
        var figures = InferenceBenchmark.ReferenceMlp([1, 64, 256], repetitions: 1, items: 256);

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

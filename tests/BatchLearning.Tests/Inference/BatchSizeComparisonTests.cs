using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Timing;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Inference;

/// <summary>Notebook 04's profile in words and its head-to-head check: every branch on fixed numbers, and one real comparison.</summary>
public sealed class BatchSizeComparisonTests
{
    private static readonly MachineCeiling Ceiling = new(100, 512, double.NaN, 5, 1);

    private static CeilingProfile Profile(params (int Batch, double ItemsPerSecond, double Share)[] points) =>
        new(Ceiling, [.. points.Select(p => new InferenceProfile(p.Batch, p.ItemsPerSecond, p.Batch / p.ItemsPerSecond * 1000, p.Share * 100, p.Share))]);

    [Fact]
    public void The_profile_names_its_highest_throughput_and_what_one_batch_of_it_costs_but_no_winner()
    {
        var text = Profile((1, 20_000, 0.08), (2, 30_000, 0.12), (64, 150_000, 0.6)).Describe();

        Assert.Equal("Batch 1: 20,000 items/s (8 % of the ceiling). Highest throughput in this profile: batch 64, 150,000 items/s (60 % of the ceiling), "
            + "7.5x batch 1's, but one batch of 64 takes 0.427 ms against 0.05 ms for one item.", text);
        Assert.DoesNotContain("Best", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_where_batch_1_came_out_highest_says_so_and_why_it_may_have()
    {
        var text = Profile((1, 20_000, 0.08), (2, 19_000, 0.07), (64, 18_000, 0.07)).Describe();

        Assert.StartsWith("Batch 1: 20,000 items/s (8 % of the ceiling). No larger batch had a higher throughput than batch 1 in this profile", text, StringComparison.Ordinal);
        Assert.Contains("Some batches of 2 to 8 ran slower than batch 1 here (batch 2: 19,000 items/s)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("above the ceiling", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_more_than_5_percent_above_the_ceiling_are_named_and_points_just_above_are_not()
    {
        var text = Profile((1, 20_000, 0.08), (256, 300_000, 1.04), (512, 320_000, 1.2)).Describe();

        Assert.EndsWith(" Batch 512 landed above the ceiling: the timings missed a busy moment that the ceiling's samples met (another program took a core); run this section again.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("batch 256 landed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_batch_1_cannot_be_described()
    {
        Assert.Throws<InvalidOperationException>(() => Profile((2, 20_000, 0.08)).Describe());
    }

    [Theory]
    [InlineData(HeadToHeadVerdict.SecondFaster, "the larger batch wins when timed head to head")]
    [InlineData(HeadToHeadVerdict.FirstFaster, "crowned by a busy moment")]
    [InlineData(HeadToHeadVerdict.TooCloseToCall, "cannot say whether the larger batch beats batch 1")]
    public void The_finding_gives_the_reason_of_its_verdict_and_expects_the_batch_to_win(HeadToHeadVerdict verdict, string reason)
    {
        double[] one = [.. Enumerable.Repeat(0.03, 9)];
        double[] batches = verdict switch
        {
            HeadToHeadVerdict.SecondFaster => [.. Enumerable.Repeat(0.006, 9)],
            HeadToHeadVerdict.FirstFaster => [.. Enumerable.Repeat(0.09, 9)],
            _ => [0.02, 0.04, 0.02, 0.04, 0.02, 0.04, 0.02, 0.04, 0.03],
        };
        var result = HeadToHead.Judge("one at a time", "batches of 64", new RoundTimes(one, batches, [.. Enumerable.Repeat(1.0, 9)]));

        var finding = BatchSizeComparison.Finding(result);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(HeadToHeadVerdict.SecondFaster, finding.ExpectedVerdict);
        Assert.Contains(reason, finding.Reason, StringComparison.Ordinal);
        Assert.StartsWith("The model, per item (median rounds): one at a time 0.030 ms, batches of 64 ", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_comparison_times_both_sizes_on_the_same_rows_and_its_verdict_agrees_with_its_numbers()
    {
        using var model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
        using var inputs = rand(256, 64);

        var finding = BatchSizeComparison.Compare(model, inputs, batchSize: 64, rounds: 6, minimumSecondsPerRound: 0.005);

        Assert.Equal(("one at a time", "batches of 64", 6), (finding.Result.First, finding.Result.Second, finding.Result.Rounds));
        var secondFaster = finding.Result.SecondMilliseconds < finding.Result.FirstMilliseconds && finding.Result.RatioLow > 1;
        Assert.True(finding.Verdict != HeadToHeadVerdict.SecondFaster || secondFaster, finding.Text);
    }

    [Fact]
    public void Sizes_and_counts_out_of_range_are_refused_by_name_with_the_range()
    {
        using var model = nn.Linear(8, 2);
        using var inputs = rand(16, 8);
        using var empty = zeros(0, 8);

        Assert.Contains("2 to the 16 rows", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeComparison.Compare(model, inputs, 17)).Message, StringComparison.Ordinal);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeComparison.Compare(model, inputs, 1)).ParamName);
        Assert.Equal("rounds", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeComparison.Compare(model, inputs, 4, rounds: 5)).ParamName);
        Assert.Equal("minimumSecondsPerRound", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeComparison.Compare(model, inputs, 4, minimumSecondsPerRound: -1)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeComparison.Compare(model, empty, 4)).ParamName);
    }
}

using BatchLearning.Costs;

namespace BatchLearning.Tests.Costs;

/// <summary>Packing's sentence keeps its saving apart from the batch API's, for every branch, on fixed points.</summary>
public sealed class PackingSentenceTests
{
    private static readonly ApiPrice Price = new("OpenAI", "gpt-4o-mini", 0.15, 0.60, 0.075, 0.30, ApiPrice.Published, new DateOnly(2026, 11, 29), "test");

    private static PackingCostPoint Point(int k, double input, double output, double realTimeSaving) =>
        new(k, input, output, 1, 1, realTimeSaving, 0.5 + 0.5 * realTimeSaving);

    [Fact]
    public void A_long_instruction_packed_passes_50_percent_and_the_sentence_credits_packing_not_the_batch_api()
    {
        PackingCostPoint[] points = [Point(1, 250, 2, 0), Point(5, 80, 3, 0.55), Point(20, 40, 3.5, 0.7)];

        var finding = PackingCost.Describe(points, 130, 2, Price);
        var text = finding.Text;
        Assert.Equal("together past 50 %", finding.Verdict);
        Assert.Equal(5, finding.Numbers["firstPastHalfItemsPerRequest"]);

        Assert.StartsWith("With 2 examples the instruction is 130 tokens; one email per request needs 250 input tokens per email, 20 per request 40 ", text, StringComparison.Ordinal);
        Assert.Contains("On its own, in real time, packing 20 emails per request saves 70.0 %; the batch API alone saves 50.0 %; together 85.0 % at k = 20. ", text, StringComparison.Ordinal);
        Assert.Contains("Together they pass 50 % from k = 5 (77.5 %): the batch discount's \"or more\" comes from packing", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_instruction_that_packing_cannot_help_stays_at_the_batch_discount_and_says_why()
    {
        PackingCostPoint[] points = [Point(1, 120, 2, 0), Point(5, 101, 3, -0.02), Point(20, 99, 3.5, -0.05)];

        var finding = PackingCost.Describe(points, 23, 0, Price);
        var text = finding.Text;
        Assert.Equal("together not past 50 %", finding.Verdict);
        Assert.True(double.IsNaN(finding.Numbers["firstPastHalfItemsPerRequest"]));

        Assert.StartsWith("With 0 examples the instruction is 23 tokens; one email per request needs 120 input tokens per email. On its own", text, StringComparison.Ordinal);
        Assert.Contains("On its own, in real time, packing saves nothing here (no k above 1 costs less than one email per request); the batch API alone saves 50.0 %; together 50.0 % at k = 1.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 per request", text, StringComparison.Ordinal);
        Assert.Contains("Together they do not pass 50 %: the instruction is too short for packing to share much, and an output token costs 4x an input token.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("or more", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_without_k_1_or_a_negative_example_count_are_refused_by_name()
    {
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => PackingCost.Describe([Point(5, 80, 3, 0.5)], 23, 0, Price)).ParamName);
        Assert.Equal("examples", Assert.Throws<ArgumentOutOfRangeException>(() => PackingCost.Describe([Point(1, 80, 3, 0)], 23, -1, Price)).ParamName);
        Assert.Equal("instructionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => PackingCost.Describe([Point(1, 80, 3, 0)], -1, 0, Price)).ParamName);
    }
}

using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

/// <summary>
/// Notebook 07's check explanation and advice (issue 27): every branch worded from the numbers given, so a run where static batching wins
/// is never told that continuous batching won.
/// </summary>
public sealed class GenerationAdviceTests
{
    private static GenerationMetrics Metrics(string policy, double tokensPerSecond, double p99Ms, double paddingWaste, double ttftMs = 5) =>
        new(policy, "modeled", 100, 1000, 1, tokensPerSecond, ttftMs, ttftMs * 2, 1, p99Ms / 2, p99Ms * 0.9, p99Ms, 100, 8, 0.8, paddingWaste, 0.01);

    private static ContinuousVersusStaticResult Gain(string curve, double gain) => new(curve, 300, 16, 100, 250, 100 * gain, 240, gain, 0.01);

    [Theory]
    [InlineData(100, 200, "continuous", "A static batch makes every request wait")]
    [InlineData(200, 100, "static", "static batching was lower on this run")]
    [InlineData(100, 105, "same", "too close to call on this run")]
    public void The_p99_explanation_follows_the_policy_that_was_lower(double continuousP99, double staticP99, string lower, string wording)
    {
        var (continuous, fixedBatch) = (Metrics("continuous", 1000, continuousP99, 0), Metrics("static", 500, staticP99, 0.6));

        var explanation = GenerationReport.ExplainP99(continuous, fixedBatch);

        Assert.Equal(lower, GenerationReport.LowerP99(continuous, fixedBatch));
        Assert.StartsWith(FormattableString.Invariant($"p99 was {continuousP99:N1} ms under continuous and {staticP99:N1} ms under static batching"), explanation, StringComparison.Ordinal);
        Assert.Contains(wording, explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_recommends_continuous_batching_only_when_it_won_on_throughput_and_p99()
    {
        var (cpu, gpu) = (Gain("this machine", 2.5), Gain("GPU-like", 1.8));

        var won = GenerationReport.Advice(Metrics("continuous", 1000, 100, 0), Metrics("static", 400, 200, 0.6), cpu, gpu);
        var fasterButSlowerTail = GenerationReport.Advice(Metrics("continuous", 1000, 300, 0), Metrics("static", 400, 200, 0.6), cpu, gpu);

        Assert.Equal("continuous recommended", won.Verdict);
        Assert.Contains("pick a server with continuous batching", won.Text, StringComparison.Ordinal);
        Assert.Contains("Here it served 2.5x static batching's tokens a second with a p99 latency of 100 ms against 200 ms.", won.Text, StringComparison.Ordinal);
        Assert.Equal("measure your own traffic", fasterButSlowerTail.Verdict);
        Assert.Contains("did not beat static batching on both throughput (2.5x faster) and p99 latency (300 against 200 ms)", fasterButSlowerTail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("pick a server", fasterButSlowerTail.Text, StringComparison.Ordinal);
        Assert.Contains("gave 2.5x static batching's throughput on this machine's cost curve and 1.8x on the illustrative GPU curve", won.Text, StringComparison.Ordinal);
        Assert.Equal(2.5, won.Numbers["speedUp"], 6);
    }

    [Fact]
    public void The_advice_names_padding_only_when_static_batching_wasted_more()
    {
        var (cpu, gpu) = (Gain("this machine", 2), Gain("GPU-like", 3));

        var wasted = GenerationReport.Advice(Metrics("continuous", 1000, 100, 0), Metrics("static", 400, 200, 0.6), cpu, gpu);
        var little = GenerationReport.Advice(Metrics("continuous", 1000, 100, 0.05), Metrics("static", 400, 200, 0.05), cpu, gpu);

        Assert.Contains("static batching threw away 60 % of the token rows it computed", wasted.Text.Replace("60%", "60 %", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Padding cost little on this run", little.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Do not batch generation request by request", little.Text, StringComparison.Ordinal);
    }
}

using BatchLearning.Costs;
using BatchLearning.Providers;
using BatchLearning.Serving;

namespace BatchLearning.Tests.Providers;

/// <summary>Notebook 05's sentences about real calls to the server, on fixed paths: every branch of their wording.</summary>
public sealed class ModelCallReportTests
{
    private static ModelCallPath Path(string name, int requests, long? attempts, long? limited, long input, double cost, int classified = 300) =>
        new(name, 300, classified, requests, attempts, limited, input, 300, 10, 20, 0.6, cost);

    [Fact]
    public void The_rate_limits_say_which_way_met_a_429_and_what_each_saved()
    {
        var limited = ModelCallReport.DescribeRateLimits(
            [Path("one email per request", 300, 316, 16, 22_000, 0.004), Path("10 emails per request", 30, 30, 0, 18_000, 0.0036), Path("one batch file", 300, null, null, 22_000, 0.002)]);
        var calm = ModelCallReport.DescribeRateLimits(
            [Path("one email per request", 300, 300, 0, 22_000, 0.004), Path("10 emails per request", 30, 30, 0, 18_000, 0.0036), Path("one batch file", 300, null, null, 22_000, 0.002, classified: 299)]);

        Assert.Equal("one per request met the limit", limited.Verdict);
        Assert.StartsWith("One email per request: 300 requests, 16 answered 429 and retried (316 HTTP attempts). 10 emails per request: 30 requests, no 429, 60.0 input tokens an email instead of 73.3.", limited.Text, StringComparison.Ordinal);
        Assert.Contains("$0.0133 one by one, $0.0120 10 emails per request (10 % less), $0.0067 in the batch file (50 % less).", limited.Text, StringComparison.Ordinal);
        Assert.EndsWith("Every email came back classified.", limited.Text, StringComparison.Ordinal);
        Assert.Equal("no 429", calm.Verdict);
        Assert.EndsWith("Not classified: one batch file: 1.", calm.Text, StringComparison.Ordinal);
        Assert.Equal(1, calm.Numbers["unclassified"]);
    }

    [Fact]
    public void One_call_names_the_tokens_billed()
    {
        Assert.Equal("\"Lunch?\" came back as personal: 57 input tokens and 1 output token billed.", ModelCallReport.DescribeOneCall("Lunch?", "personal", 57, 1).Text);
        Assert.EndsWith("and 2 output tokens billed.", ModelCallReport.DescribeOneCall("Lunch?", "personal", 57, 2).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_and_a_stop_are_worded_for_their_values()
    {
        var terms = PriceTable.Default.Terms("OpenAI");
        Assert.Equal("real time", ProcessingDecision.Decide("chat", TimeSpan.FromSeconds(2), terms).DescribeChoice());
        Assert.Equal("a provider's batch API", ProcessingDecision.Decide("report", TimeSpan.FromDays(2), terms).DescribeChoice());
        Assert.StartsWith("a periodic batch, a flush every ", ProcessingDecision.Decide("triage", TimeSpan.FromMinutes(5), terms).DescribeChoice(), StringComparison.Ordinal);
        Assert.Equal("The server stopped (exit code 0).", InferenceServerProcess.DescribeExit(0));
        Assert.Contains("exit code 137: it did not finish cleanly", InferenceServerProcess.DescribeExit(137), StringComparison.Ordinal);
    }
}

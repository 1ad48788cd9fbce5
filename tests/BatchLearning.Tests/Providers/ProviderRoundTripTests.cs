using BatchLearning.Email;
using BatchLearning.Providers;

namespace BatchLearning.Tests.Providers;

/// <summary>The batch round trip and the sending decision as findings (issue 27): each branch of their wording on fixed results.</summary>
public sealed class ProviderRoundTripTests
{
    private static ProviderResult Answer(string id, EmailCategory category) => new(id, ProviderResultStatus.Succeeded, category, "");

    [Fact]
    public void A_round_trip_with_an_expired_batch_and_a_refused_line_says_each_email_was_answered_once()
    {
        var final = new ProviderResultReport(
            [Answer("a", EmailCategory.Work), Answer("b", EmailCategory.Spam), new ProviderResult("c", ProviderResultStatus.Errored, null, "context_length_exceeded")], [], [], []);
        var trip = new ProviderRoundTrip([new ProviderBatchRow("first.jsonl", "expired", 3, 1, 1, 1), new ProviderBatchRow("resend-1.jsonl", "completed", 1, 1, 0, 0)], final, 2);

        var finding = trip.Describe(3, new Dictionary<string, EmailCategory> { ["a"] = EmailCategory.Work, ["b"] = EmailCategory.Work, ["c"] = EmailCategory.Spam });

        Assert.Equal("3 emails went out in 2 batches; the first ended expired with 1 answered. In the end 2 were answered, 1 refused on its own line "
            + "(context_length_exceeded), and 0 unfinished; 2 answers came back, so no email was answered twice. Matched by custom_id, 1 of 2 are the classifier's own categories (the course's server runs the same classifier).",
            finding.Text);
        Assert.Equal("each answered once", finding.Verdict);
        Assert.Equal(1, finding.Numbers["sameAsClassifier"]);
    }

    [Fact]
    public void A_round_trip_that_got_an_answer_twice_says_so_and_without_local_answers_compares_none()
    {
        var trip = new ProviderRoundTrip([new ProviderBatchRow("first.jsonl", "completed", 1, 1, 0, 0)], new ProviderResultReport([Answer("a", EmailCategory.Work)], ["b"], [], []), 2);

        var finding = trip.Describe(2);

        Assert.Equal("some answered twice", finding.Verdict);
        Assert.Contains("1 unfinished; 2 answers came back, so 1 were answered twice.", finding.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("custom_id", finding.Text, StringComparison.Ordinal);
        Assert.True(double.IsNaN(finding.Numbers["sameAsClassifier"]));
    }

    [Fact]
    public void Collecting_needs_a_last_round_with_results()
    {
        var folder = Directory.CreateTempSubdirectory("batchlearning-roundtrip-");
        try
        {
            var client = new ProviderBatchClient(BatchProvider.OpenAi, folder.FullName);

            Assert.Equal("rounds", Assert.Throws<ArgumentException>(() => ProviderRoundTrip.Collect(client, [])).ParamName);
            Assert.Equal("rounds", Assert.Throws<ArgumentException>(() => ProviderRoundTrip.Collect(client, [new ProviderBatchOutcome(false, "skipped", new ProviderBatchState(BatchProvider.OpenAi, "m", []))])).ParamName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "sent to the provider", "Sending 20,000 requests (about $0.06) to OpenAI's Batch API; ids kept in /home/x/.batchlearning.")]
    [InlineData("submit is false", "kept on this machine", "Would send openai-batch-001.jsonl (20,000 requests, about $0.06) to OpenAI's Batch API; skipped because submit is false: ")]
    public void Sending_says_where_the_batch_goes_and_why(string? skipped, string verdict, string start)
    {
        var finding = ProviderSending.Describe(skipped, "/tmp/provider/openai-batch-001.jsonl", 20_000, 0.06, "/home/x/.batchlearning");

        Assert.Equal(verdict, finding.Verdict);
        Assert.StartsWith(start, finding.Text, StringComparison.Ordinal);
    }
}

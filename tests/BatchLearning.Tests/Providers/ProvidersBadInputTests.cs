using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Providers;

public sealed class ProvidersBadInputTests
{
    private static readonly IReadOnlyList<EmailMessage> Emails = EmailGenerator.Day(5, new DateOnly(2026, 3, 2), seed: 5);

    [Fact]
    public void An_empty_id_is_refused_for_both_providers_with_the_emails_position()
    {
        var emails = Emails.Select((e, i) => i == 3 ? e with { Id = "" } : e).ToList();

        var openAi = Assert.Throws<ArgumentException>(() => OpenAiBatchFile.WriteRequests(emails, "gpt-4o-mini", Repository.NewTemporaryFolder()));
        var anthropic = Assert.Throws<ArgumentException>(() => AnthropicBatchFile.WriteRequests(emails, "claude-haiku-4-5", Repository.NewTemporaryFolder()));

        Assert.Equal("emails", openAi.ParamName);
        Assert.Contains("position 3", openAi.Message);
        Assert.Contains("must not be empty", openAi.Message);
        Assert.Contains("position 3", anthropic.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("e.000001")]
    [InlineData("ü-umlaut")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void An_id_anthropic_does_not_accept_is_refused_with_the_rule_and_position(string id)
    {
        var emails = Emails.Select((e, i) => i == 1 ? e with { Id = id } : e).ToList();
        var folder = Repository.NewTemporaryFolder();

        var error = Assert.Throws<ArgumentException>(() => AnthropicBatchFile.WriteRequests(emails, "claude-haiku-4-5", folder));

        Assert.Equal("emails", error.ParamName);
        Assert.Contains("position 1", error.Message);
        Assert.Contains("1 to 64 characters of a-z, A-Z, 0-9, '_' and '-'", error.Message);
        Assert.Empty(Directory.EnumerateFiles(folder));
    }

    [Fact]
    public void A_duplicate_id_names_both_positions()
    {
        var emails = Emails.Select((e, i) => i == 4 ? e with { Id = Emails[1].Id } : e).ToList();

        var error = Assert.Throws<ArgumentException>(() => OpenAiBatchFile.WriteRequests(emails, "gpt-4o-mini", Repository.NewTemporaryFolder()));

        Assert.Contains("positions 1 and 4", error.Message);
    }

    [Theory]
    [InlineData("{\"custom_id\": 42, \"result\": {\"type\": \"expired\"}}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"custom_id\": \"a\", \"result\": \"expired\"}")]
    public void A_result_line_of_the_wrong_shape_is_refused_naming_file_and_line(string line)
    {
        var results = Path.Combine(Repository.NewTemporaryFolder(), "results.jsonl");
        File.WriteAllLines(results, ["{\"custom_id\": \"b\", \"result\": {\"type\": \"expired\"}}", line]);

        var error = Assert.Throws<FormatException>(() => AnthropicBatchFile.ReadResults(["a", "b"], results));

        Assert.Contains(results + " line 2", error.Message);
    }

    [Theory]
    [InlineData("{\"custom_id\": \"a\", \"response\": {\"status_code\": \"OK\"}}")]
    [InlineData("{\"custom_id\": [\"a\"]}")]
    public void An_openai_result_line_of_the_wrong_shape_is_refused_naming_file_and_line(string line)
    {
        var results = Path.Combine(Repository.NewTemporaryFolder(), "output.jsonl");
        File.WriteAllLines(results, [line]);

        var error = Assert.Throws<FormatException>(() => OpenAiBatchFile.ReadResults(["a"], results));

        Assert.Contains(results + " line 1", error.Message);
    }
}

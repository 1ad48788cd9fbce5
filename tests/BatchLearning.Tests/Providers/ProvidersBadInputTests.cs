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

    [Fact]
    public async Task A_request_file_over_the_providers_limit_is_refused_before_anything_is_sent_naming_the_file_and_the_limit()
    {
        using var server = new FakeProviderServer(Emails);
        var folder = Repository.NewTemporaryFolder();
        new ProviderBatchClient(BatchProvider.OpenAi, folder, ProviderBatchClientTests.Options(server, BatchProvider.OpenAi)).Prepare(Emails, "gpt-4o-mini");
        var strict = new ProviderBatchClient(BatchProvider.OpenAi, folder, ProviderBatchClientTests.Options(server, BatchProvider.OpenAi) with { Limits = new ProviderBatchLimits(3, 1_000_000) });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => strict.SubmitAsync(submit: true));

        Assert.Contains("openai-batch-001.jsonl holds 5 requests", error.Message);
        Assert.Contains("limit of 3 per batch", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Results_of_another_batch_are_refused_naming_the_request_file_and_the_foreign_ids()
    {
        var folder = Repository.NewTemporaryFolder();
        var request = OpenAiBatchFile.WriteRequests(Emails, "gpt-4o-mini", folder)[0];
        var results = Path.Combine(folder, "other.output.jsonl");
        File.WriteAllLines(results, ["{\"custom_id\":\"other-1\",\"response\":{\"status_code\":200,\"body\":{\"choices\":[{\"message\":{\"content\":\"Work\"}}]}},\"error\":null}"]);

        var error = Assert.Throws<InvalidDataException>(() => ProviderBatchClient.MatchResults(BatchProvider.OpenAi, request, results));

        Assert.Contains(request, error.Message);
        Assert.Contains("other-1", error.Message);
        Assert.Contains("another batch", error.Message);
    }

    [Fact]
    public async Task Preparing_other_emails_over_a_submitted_batch_is_refused_and_overwrites_nothing()
    {
        using var server = new FakeProviderServer(Emails);
        var folder = Repository.NewTemporaryFolder();
        var client = new ProviderBatchClient(BatchProvider.Anthropic, folder, ProviderBatchClientTests.Options(server, BatchProvider.Anthropic));
        client.Prepare(Emails, "claude-haiku-4-5");
        await client.SubmitAsync(submit: true);
        var before = File.ReadAllText(Path.Combine(folder, ProviderBatchState.FileName));

        var error = Assert.Throws<InvalidOperationException>(() => client.Prepare(Emails.Take(3).ToList(), "claude-haiku-4-5"));

        Assert.Contains("already holds Anthropic batch(es) msgbatch_", error.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, ProviderBatchState.FileName)));
    }

    [Fact]
    public async Task Submitting_before_preparing_says_to_prepare_first()
    {
        var client = new ProviderBatchClient(BatchProvider.OpenAi, Repository.NewTemporaryFolder(), new ProviderBatchOptions { ReadEnvironment = _ => null });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync(submit: true));

        Assert.Contains("call Prepare first", error.Message);
    }

    [Theory]
    [InlineData("FirstPollDelay", "from 00:00:00 to 01:00:00")]
    [InlineData("PollBackoff", "from 1 to 10")]
    [InlineData("MaxRetries", "from 0 to 10")]
    [InlineData("MaxWait", "at most 7 days")]
    public void Options_out_of_range_are_refused_naming_the_option_and_its_range(string name, string range)
    {
        var options = name switch
        {
            "FirstPollDelay" => new ProviderBatchOptions { FirstPollDelay = TimeSpan.FromHours(2) },
            "PollBackoff" => new ProviderBatchOptions { PollBackoff = double.NaN },
            "MaxRetries" => new ProviderBatchOptions { MaxRetries = -1 },
            _ => new ProviderBatchOptions { MaxWait = TimeSpan.Zero },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProviderBatchClient(BatchProvider.OpenAi, Repository.NewTemporaryFolder(), options));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Theory]
    [InlineData("../outside.jsonl")]
    [InlineData("/etc/passwd")]
    [InlineData("requests/../../outside.jsonl")]
    public void A_state_file_naming_a_file_outside_its_batch_folder_is_refused_before_anything_is_read(string requestFile)
    {
        var folder = Repository.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, ProviderBatchState.FileName),
            $$"""{"provider":"OpenAi","model":"gpt-4o-mini","batches":[{"requestFile":"{{requestFile}}"}]}""");

        var error = Assert.Throws<InvalidDataException>(() => ProviderBatchState.Load(folder));

        Assert.Contains($"the file '{requestFile}' is outside the batch directory", error.Message);
    }

    [Fact]
    public void A_result_file_outside_the_batch_folder_is_refused_too_and_a_file_inside_is_kept()
    {
        var folder = Repository.NewTemporaryFolder();
        var state = Path.Combine(folder, ProviderBatchState.FileName);
        File.WriteAllText(state, """{"provider":"OpenAi","model":"m","batches":[{"requestFile":"batch-1.jsonl","resultFiles":["../results.jsonl"]}]}""");
        Assert.Throws<InvalidDataException>(() => ProviderBatchState.Load(folder));

        File.WriteAllText(state, """{"provider":"OpenAi","model":"m","batches":[{"requestFile":"sub/batch-1.jsonl","resultFiles":["results-1.jsonl"]}]}""");
        Assert.Equal("sub/batch-1.jsonl", ProviderBatchState.Load(folder)!.Batches[0].RequestFile);
    }
}

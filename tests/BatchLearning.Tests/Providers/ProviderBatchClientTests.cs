using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Providers;

/// <summary>The provider batch client end to end through the official SDKs, against a local fake of each provider's endpoints: no network, no real key.</summary>
public sealed class ProviderBatchClientTests
{
    internal const string Key = "sk-test-SECRET-7f3a9c";
    private static readonly IReadOnlyList<EmailMessage> Emails = EmailGenerator.Day(12, new DateOnly(2026, 3, 2), seed: 11);

    internal static ProviderBatchOptions Options(FakeProviderServer server, BatchProvider provider, string? key = Key) => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(5),
        MaxPollDelay = TimeSpan.FromMilliseconds(20),
        MaxWait = TimeSpan.FromMinutes(5),
        Endpoint = provider == BatchProvider.OpenAi ? server.OpenAiEndpoint : server.Root,
        ReadEnvironment = name => name == ProviderBatchClient.ApiKeyVariableOf(provider) ? key : null,
    };

    [Fact]
    public async Task OpenAi_batch_is_uploaded_created_polled_and_its_output_and_errors_matched_to_the_emails_after_a_retried_server_error()
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { ErrorEvery = 5, ServerErrorOnceFor = "GET /v1/batches/" });
        var folder = Repository.NewTemporaryFolder();
        var client = new ProviderBatchClient(BatchProvider.OpenAi, folder, Options(server, BatchProvider.OpenAi));
        var estimate = client.Prepare(Emails, "gpt-4o-mini");
        var progress = new ListProgress<ProviderBatchProgress>();

        var outcome = await client.RunAsync(submit: true, progress).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(outcome.CalledProvider);
        var report = outcome.Report!;
        Assert.Equal(Emails.Select(e => e.Id), report.Results.Select(r => r.CustomId));
        Assert.Equal(10, report.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(2, report.Count(ProviderResultStatus.Errored));
        Assert.All(report.Results.Where(r => r.Status == ProviderResultStatus.Succeeded), r => Assert.Equal(Emails.Single(e => e.Id == r.CustomId).Category, r.Category));
        Assert.Empty(report.Missing);

        Assert.Equal(1, server.Count("POST /v1/files"));
        Assert.Equal(1, server.Count("POST /v1/batches"));
        Assert.Contains(server.Requests, r => r.Status == 500);
        Assert.True(server.Count("GET /v1/batches/") >= 4, "the 500 is retried and the batch polled until it ends");
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Equal("in_progress", progress.Items[0].Status);
        Assert.Equal("completed", progress.Items[^1].Status);
        Assert.Null(progress.Items[^1].NextCheckIn);
        Assert.Equal(12, estimate.Requests);
        var entry = Assert.Single(client.State!.Batches);
        Assert.StartsWith("batch_", entry.BatchId, StringComparison.Ordinal);
        Assert.Equal(["openai-batch-001.output.jsonl", "openai-batch-001.errors.jsonl"], entry.Downloaded);
    }

    [Fact]
    public async Task OpenAi_batch_that_expires_with_part_of_its_work_done_reports_the_rest_as_expired()
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { DoneBeforeExpiry = 7, InProgressChecks = 1 });
        var client = new ProviderBatchClient(BatchProvider.OpenAi, Repository.NewTemporaryFolder(), Options(server, BatchProvider.OpenAi));
        client.Prepare(Emails, "gpt-4o-mini");

        var outcome = await client.RunAsync(submit: true).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(7, outcome.Report!.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(5, outcome.Report.Count(ProviderResultStatus.Expired));
        Assert.Equal("expired", client.State!.Batches[0].Status);
    }

    [Fact]
    public async Task Anthropic_message_batch_with_errored_and_expired_items_is_created_after_a_retried_server_error_and_matched()
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { ErrorEvery = 4, DoneBeforeExpiry = 10, ServerErrorOnceFor = "POST /v1/messages/batches" });
        var client = new ProviderBatchClient(BatchProvider.Anthropic, Repository.NewTemporaryFolder(), Options(server, BatchProvider.Anthropic));
        var estimate = client.Prepare(Emails, "claude-haiku-4-5");
        var progress = new ListProgress<ProviderBatchProgress>();

        var outcome = await client.RunAsync(submit: true, progress).WaitAsync(TimeSpan.FromSeconds(60));

        var report = outcome.Report!;
        Assert.Equal(Emails.Select(e => e.Id), report.Results.Select(r => r.CustomId));
        Assert.Equal(8, report.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(2, report.Count(ProviderResultStatus.Errored));
        Assert.Equal(2, report.Count(ProviderResultStatus.Expired));
        Assert.All(report.Results.Where(r => r.Status == ProviderResultStatus.Succeeded), r => Assert.Equal(Emails.Single(e => e.Id == r.CustomId).Category, r.Category));
        Assert.Equal(2, server.Count("POST /v1/messages/batches"));
        Assert.Equal(1, server.Requests.Count(r => r.Status == 500));
        // The Anthropic SDK sends the key as a bearer token (its ClientOptions.ApiKey docs); the real API also takes x-api-key.
        Assert.All(server.Requests, r => Assert.True(r.Authorization == "Bearer " + Key || r.ApiKey == Key));
        Assert.Equal("ended", progress.Items[^1].Status);
        Assert.Equal(12, progress.Items[^1].Total);
        Assert.NotNull(estimate.EstimatedCostUsd);
    }

    [Fact]
    public async Task A_restarted_run_polls_the_saved_batch_instead_of_creating_it_again()
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { InProgressChecks = 3 });
        var folder = Repository.NewTemporaryFolder();
        var first = new ProviderBatchClient(BatchProvider.OpenAi, folder, Options(server, BatchProvider.OpenAi));
        first.Prepare(Emails, "gpt-4o-mini");
        var submitted = await first.SubmitAsync(submit: true);
        Assert.True(submitted.CalledProvider);

        // The notebook is restarted: a new client, the same directory, the same cells run again.
        var second = new ProviderBatchClient(BatchProvider.OpenAi, folder, Options(server, BatchProvider.OpenAi));
        second.Prepare(Emails, "gpt-4o-mini");
        var outcome = await second.RunAsync(submit: true).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, server.Count("POST /v1/files"));
        Assert.Equal(1, server.Count("POST /v1/batches"));
        Assert.Contains("Already submitted", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(12, outcome.Report!.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(submitted.State.Batches[0].BatchId, second.State!.Batches[0].BatchId);
    }

    [Theory]
    [InlineData(BatchProvider.OpenAi)]
    [InlineData(BatchProvider.Anthropic)]
    public async Task Without_the_submit_flag_nothing_is_sent_even_with_a_key_and_the_message_says_what_would_be_sent(BatchProvider provider)
    {
        using var server = new FakeProviderServer(Emails);
        var client = new ProviderBatchClient(provider, Repository.NewTemporaryFolder(), Options(server, provider));
        client.Prepare(Emails, provider == BatchProvider.OpenAi ? "gpt-4o-mini" : "claude-haiku-4-5");

        var outcome = await client.RunAsync(submit: false);

        Assert.False(outcome.CalledProvider);
        Assert.StartsWith("Would ", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("12 request(s)", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("submit is off", outcome.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Report);
        Assert.Empty(server.Requests);
        Assert.False(client.State!.AnySubmitted);
    }

    [Theory]
    [InlineData(BatchProvider.OpenAi, "OPENAI_API_KEY")]
    [InlineData(BatchProvider.Anthropic, "ANTHROPIC_API_KEY")]
    public async Task Without_a_key_submit_is_refused_with_the_variable_named_and_no_request_is_made(BatchProvider provider, string variable)
    {
        using var server = new FakeProviderServer(Emails);
        var client = new ProviderBatchClient(provider, Repository.NewTemporaryFolder(), Options(server, provider, key: null));
        client.Prepare(Emails, provider == BatchProvider.OpenAi ? "gpt-4o-mini" : "claude-haiku-4-5");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync(submit: true));
        var skipped = await client.RunAsync(submit: false);
        var waited = await client.WaitAsync();

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.False(client.HasApiKey);
        Assert.False(skipped.CalledProvider);
        Assert.False(waited.CalledProvider);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_key_is_never_in_the_state_file_the_result_files_the_messages_or_the_progress()
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { ErrorEvery = 3 });
        var folder = Repository.NewTemporaryFolder();
        var client = new ProviderBatchClient(BatchProvider.OpenAi, folder, Options(server, BatchProvider.OpenAi));
        var estimate = client.Prepare(Emails, "gpt-4o-mini");
        var progress = new ListProgress<ProviderBatchProgress>();

        var outcome = await client.RunAsync(submit: true, progress).WaitAsync(TimeSpan.FromSeconds(60));

        var texts = Directory.GetFiles(folder).Select(File.ReadAllText)
            .Concat([outcome.Message, outcome.ToString(), estimate.ToString(), outcome.Report!.ToString(), client.State!.ToString()])
            .Concat(progress.Items.Select(p => p.ToString()));
        Assert.All(texts, text => Assert.DoesNotContain(Key, text, StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.Authorization == "Bearer " + Key);
    }

    [Theory]
    [InlineData(BatchProvider.OpenAi)]
    [InlineData(BatchProvider.Anthropic)]
    public async Task A_provider_error_that_repeats_the_key_is_reported_with_the_key_blanked(BatchProvider provider)
    {
        using var server = new FakeProviderServer(Emails, new FakeBatchScenario { RefuseCreateEchoingCredentials = true });
        var client = new ProviderBatchClient(provider, Repository.NewTemporaryFolder(), Options(server, provider) with { MaxRetries = 0 });
        client.Prepare(Emails, provider == BatchProvider.OpenAi ? "gpt-4o-mini" : "claude-haiku-4-5");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync(submit: true));

        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("[API key]", error.Message, StringComparison.Ordinal);
        Assert.Contains("creating the batch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, File.ReadAllText(Path.Combine(client.Directory, ProviderBatchState.FileName)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BatchProvider.Anthropic, "claude-haiku-4-5", false)]
    [InlineData(BatchProvider.OpenAi, "gpt-4o-mini", true)]
    public void The_estimate_counts_the_tokens_with_o200k_and_prices_them_at_the_batch_rate(BatchProvider provider, string model, bool exact)
    {
        var folder = Repository.NewTemporaryFolder();
        var client = new ProviderBatchClient(provider, folder, new ProviderBatchOptions { ReadEnvironment = _ => null });

        var estimate = client.Prepare(Emails, model);

        // The same count as notebooks 05 and 06 make of the classification prompt (instruction + email), so the estimate before sending and the lesson agree.
        var counted = ClassificationTokens.Measure(Emails, TokenCounter.ForModel(model));
        var expectedTokens = Emails.Count * counted.InstructionTokens + Emails.Sum(e => TokenCounter.ForModel(model).Count(ClassificationPrompt.User(e)));
        Assert.Equal(expectedTokens, estimate.InputTokens);
        Assert.Equal(counted.Emails * (counted.InstructionTokens + counted.MeanEmailTokens), estimate.InputTokens, 6);
        Assert.Equal(exact, estimate.TokensAreExact);
        Assert.Equal(12 * ClassificationPrompt.MaxOutputTokens, estimate.MaxOutputTokens);
        var price = PriceTable.Default.ApiPrices.Single(p => p.Model == model.Replace("-4-5", "-4.5", StringComparison.Ordinal));
        Assert.Equal((expectedTokens * price.BatchInputPerMillion + 12 * ClassificationPrompt.MaxOutputTokens * price.BatchOutputPerMillion) / 1_000_000, estimate.EstimatedCostUsd!.Value, 12);
        Assert.Contains($"{expectedTokens:N0} input tokens (o200k_base", estimate.ToString(), StringComparison.Ordinal);
        Assert.Equal(!exact, estimate.ToString().Contains("an approximation", StringComparison.Ordinal));
    }

    internal sealed class ListProgress<T> : IProgress<T>
    {
        private readonly List<T> items = [];

        public IReadOnlyList<T> Items
        {
            get
            {
                lock (items)
                {
                    return items.ToList();
                }
            }
        }

        public void Report(T value)
        {
            lock (items)
            {
                items.Add(value);
            }
        }
    }
}

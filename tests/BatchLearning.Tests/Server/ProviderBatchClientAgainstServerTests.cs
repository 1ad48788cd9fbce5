using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ProviderBatchClientAgainstServerTests
{
    [Fact]
    public async Task The_courses_own_OpenAI_batch_client_runs_a_day_of_mail_through_the_server_unchanged()
    {
        // The server answers to the name the client asks for, so the client that sends to OpenAI runs as it is, only pointed at 127.0.0.1.
        await using var server = await ServerTestBed.StartAsync(["--ModelName", "gpt-4o-mini"]);
        var emails = EmailGenerator.Day(25, new DateOnly(2026, 3, 2), seed: 17);
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);
        var client = ClientOf(server, firstPoll: TimeSpan.FromMilliseconds(10), maxPoll: TimeSpan.FromMilliseconds(50));
        client.Prepare(emails, "gpt-4o-mini");

        var outcome = await client.RunAsync(submit: true).WaitAsync(ServerTestBed.HangGuard);

        var report = outcome.Report!;
        Assert.Equal(emails.Count, report.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(classifier.Classify(emails).Select(c => (EmailCategory?)c), emails.Select(e => report.Results.Single(r => r.CustomId == e.Id).Category));
        Assert.Equal("completed", client.State!.Batches[0].Status);
    }

    [Fact]
    public async Task An_expired_batch_is_finished_by_sending_only_its_unfinished_requests_again()
    {
        // Chunks of 10 lines every 0.2 s in a 1 s window: 80 lines cannot all run, so the first batch expires with part of its work done.
        // One email is too long for the model's context: its line errors, and is not sent again.
        await using var server = await ServerTestBed.StartAsync(
            ["--BatchCompletionWindow", "00:00:01", "--BatchApiChunkSize", "10", "--BatchApiChunkInterval", "00:00:00.2", "--ContextTokens", "400"]);
        var emails = EmailGenerator.Day(80, new DateOnly(2026, 3, 4), seed: 19).ToList();
        emails[7] = emails[7] with { Body = string.Concat(Enumerable.Repeat(emails[7].Body + " ", 40)) };
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);
        var client = ClientOf(server, firstPoll: TimeSpan.FromMilliseconds(20), maxPoll: TimeSpan.FromMilliseconds(100));
        client.Prepare(emails, "batchlearning-email");

        var first = (await client.RunAsync(submit: true).WaitAsync(ServerTestBed.HangGuard)).Report!;
        Assert.Equal("expired", client.State!.Batches[0].Status);
        var expired = first.Results.Where(r => r.Status == ProviderResultStatus.Expired).Select(r => r.CustomId).ToList();
        Assert.NotEmpty(expired);
        Assert.True(first.Count(ProviderResultStatus.Succeeded) > 0, first.ToString());
        Assert.Equal(ProviderResultStatus.Errored, first.Results.Single(r => r.CustomId == emails[7].Id).Status);

        var outcome = await ResendUntilDoneAsync(client);

        // The resent files hold the expired requests only, each once; every email but the errored one ends classified, as the model classifies it.
        var resent = client.State!.Batches.Skip(1).SelectMany(b => File.ReadLines(Path.Combine(client.Directory, b.RequestFile))).ToList();
        Assert.Equal(expired.Order(StringComparer.Ordinal), resent.Take(expired.Count).Select(l => (string)JsonNode.Parse(l)!["custom_id"]!).Order(StringComparer.Ordinal));
        var report = outcome.Report!;
        Assert.Equal(emails.Select(e => e.Id), report.Results.Select(r => r.CustomId));
        Assert.Equal(emails.Count - 1, report.Count(ProviderResultStatus.Succeeded));
        var expected = classifier.Classify(emails);
        Assert.All(report.Results.Where(r => r.Status == ProviderResultStatus.Succeeded),
            r => Assert.Equal(expected[emails.FindIndex(e => e.Id == r.CustomId)], r.Category));
        Assert.Contains("Nothing unfinished", (await client.ResendUnfinishedAsync(submit: true)).Message, StringComparison.Ordinal);
    }

    // The course's OpenAI batch client, pointed at the test server (which takes any key), in a fresh folder, polling fast.
    private static ProviderBatchClient ClientOf(ServerTestBed server, TimeSpan firstPoll, TimeSpan maxPoll) =>
        new(BatchProvider.OpenAi, Repository.NewTemporaryFolder(), new ProviderBatchOptions
        {
            FirstPollDelay = firstPoll,
            MaxPollDelay = maxPoll,
            MaxWait = TimeSpan.FromMinutes(1),
            Endpoint = new Uri(server.Root, "v1"),
            ReadEnvironment = name => name == "OPENAI_API_KEY" ? "local" : null,
        });

    // A resent batch may expire too on a busy machine (same window): send again until nothing is unfinished, at most five times.
    private static async Task<ProviderBatchOutcome> ResendUntilDoneAsync(ProviderBatchClient client)
    {
        for (var round = 1; ; round++)
        {
            var outcome = await client.ResendUnfinishedAsync(submit: true).WaitAsync(ServerTestBed.HangGuard);
            if (outcome.Report!.Results.All(r => r.Status is not (ProviderResultStatus.Expired or ProviderResultStatus.Canceled)) || round == 5)
            {
                return outcome;
            }
        }
    }
}

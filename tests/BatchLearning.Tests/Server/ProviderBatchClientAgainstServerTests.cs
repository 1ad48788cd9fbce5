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
        var client = new ProviderBatchClient(BatchProvider.OpenAi, Repository.NewTemporaryFolder(), new ProviderBatchOptions
        {
            FirstPollDelay = TimeSpan.FromMilliseconds(10),
            MaxPollDelay = TimeSpan.FromMilliseconds(50),
            MaxWait = TimeSpan.FromMinutes(1),
            Endpoint = new Uri(server.Root, "v1"),
            ReadEnvironment = name => name == "OPENAI_API_KEY" ? "local" : null,
        });
        client.Prepare(emails, "gpt-4o-mini");

        var outcome = await client.RunAsync(submit: true).WaitAsync(ServerTestBed.HangGuard);

        var report = outcome.Report!;
        Assert.Equal(emails.Count, report.Count(ProviderResultStatus.Succeeded));
        Assert.Equal(classifier.Classify(emails).Select(c => (EmailCategory?)c), emails.Select(e => report.Results.Single(r => r.CustomId == e.Id).Category));
        Assert.Equal("completed", client.State!.Batches[0].Status);
    }
}

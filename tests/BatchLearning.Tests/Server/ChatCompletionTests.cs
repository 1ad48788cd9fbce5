using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Server;
using OpenAI.Chat;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ChatCompletionTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(40, new DateOnly(2026, 3, 2), seed: 11);

    [Fact]
    public async Task One_email_is_answered_with_the_classifiers_category_and_usage_counted_in_o200k_base()
    {
        await using var server = await ServerTestBed.StartAsync();
        var chat = server.Client().GetChatClient("batchlearning-email");
        var tokens = TokenCounter.ForEncoding(TokenCounter.O200kBase);
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);

        foreach (var email in Mail.Take(5))
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage(ClassificationPrompt.System), new UserChatMessage(ClassificationPrompt.User(email))]);

            var expected = classifier.Classify([email])[0];
            Assert.Equal(expected.ToString(), completion.Content[0].Text);
            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            Assert.Equal(tokens.Count(ClassificationPrompt.System) + tokens.Count(ClassificationPrompt.User(email)), completion.Usage.InputTokenCount);
            Assert.Equal(tokens.Count(expected.ToString()), completion.Usage.OutputTokenCount);
            Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        }
    }

    [Fact]
    public async Task Packed_emails_get_one_numbered_line_each_that_the_course_parser_reads()
    {
        await using var server = await ServerTestBed.StartAsync();
        var chat = server.Client().GetChatClient("batchlearning-email");
        var tokens = TokenCounter.ForEncoding(TokenCounter.O200kBase);
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);
        var emails = Mail.Skip(5).Take(8).ToList();

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage(PackedClassificationPrompt.SystemFor(emails.Count)), new UserChatMessage(PackedClassificationPrompt.User(emails))]);

        var answer = PackedClassificationPrompt.Parse(completion.Content[0].Text, emails.Count);
        Assert.Null(answer.Error);
        Assert.Equal(classifier.Classify(emails).Select(c => (EmailCategory?)c), answer.Categories);
        Assert.Equal(tokens.Count(PackedClassificationPrompt.SystemFor(emails.Count)) + tokens.Count(PackedClassificationPrompt.User(emails)), completion.Usage.InputTokenCount);
        Assert.Equal(tokens.Count(completion.Content[0].Text), completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Concurrent_requests_are_grouped_into_model_batches_that_the_metrics_show()
    {
        await using var server = await ServerTestBed.StartAsync(["--MaxBatchDelay", "00:00:00.050", "--MaxBatchSize", "16"]);
        var chat = server.Client().GetChatClient("batchlearning-email");
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);

        var calls = Mail.Select(email => chat.CompleteChatAsync([new UserChatMessage(ClassificationPrompt.User(email))])).ToList();
        var answers = await Task.WhenAll(calls).WaitAsync(ServerTestBed.HangGuard);

        Assert.Equal(classifier.Classify(Mail).Select(c => c.ToString()), answers.Select(a => a.Value.Content[0].Text));
        var batcher = (await server.MetricsAsync())["batcher"]!;
        var sizes = batcher["batch_size_counts"]!.AsObject().ToDictionary(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p => (long)p.Value!);
        Assert.Equal(Mail.Count, sizes.Sum(s => s.Key * s.Value));
        Assert.True(sizes.Keys.Max() > 1, "40 callers at once should share batches; sizes: " + batcher["batch_size_counts"]!.ToJsonString());
        Assert.True(sizes.Keys.Max() <= 16);
    }

    [Fact]
    public void The_emails_of_a_packed_user_message_are_read_back_as_they_were_written()
    {
        var emails = Mail.Take(12).ToList();

        var read = ClassificationRequest.ReadEmails(PackedClassificationPrompt.User(emails));

        Assert.Equal(emails.Select(e => (e.Sender, e.Subject, e.Body)), read.Select(e => (e.Sender, e.Subject, e.Body)));
        var single = Assert.Single(ClassificationRequest.ReadEmails(ClassificationPrompt.User(emails[0])));
        Assert.Equal((emails[0].Sender, emails[0].Subject, emails[0].Body), (single.Sender, single.Subject, single.Body));
        Assert.Equal("just some text", Assert.Single(ClassificationRequest.ReadEmails("just some text")).Body);
    }

    [Fact]
    public async Task Health_and_metrics_endpoints_answer()
    {
        await using var server = await ServerTestBed.StartAsync();

        Assert.Equal("Healthy", await server.Http.GetStringAsync("health"));
        var models = JsonNode.Parse(await server.Http.GetStringAsync("v1/models"))!;
        Assert.Equal("batchlearning-email", (string)models["data"]![0]!["id"]!);
        var prometheus = await server.Http.GetStringAsync("metrics");
        Assert.Contains("# TYPE batchlearning_server_requests_total counter", prometheus, StringComparison.Ordinal);
        Assert.Contains("batchlearning_server_requests_total{endpoint=\"/v1/models\",status=\"200\"} 1", prometheus, StringComparison.Ordinal);
    }
}

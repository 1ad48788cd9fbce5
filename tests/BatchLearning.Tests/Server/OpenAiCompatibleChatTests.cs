using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using Microsoft.Extensions.AI;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class OpenAiCompatibleChatTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(6, new DateOnly(2026, 3, 2), seed: 15);

    [Fact]
    public async Task An_IChatClient_over_the_OpenAI_SDK_gets_the_servers_answers_and_usage()
    {
        await using var server = await ServerTestBed.StartAsync();
        using var chat = OpenAiCompatibleChat.Create(new Uri(server.Root, "v1"), "batchlearning-email");
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);
        var tokens = TokenCounter.ForEncoding(TokenCounter.O200kBase);
        var emails = Mail.Take(3).ToList();

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, PackedClassificationPrompt.SystemFor(3)), new ChatMessage(ChatRole.User, PackedClassificationPrompt.User(emails))]);

        Assert.Equal(classifier.Classify(emails).Select(c => (EmailCategory?)c), PackedClassificationPrompt.Parse(response.Text, 3).Categories);
        Assert.Equal(tokens.Count(PackedClassificationPrompt.SystemFor(3)) + tokens.Count(PackedClassificationPrompt.User(emails)), response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Its_one_retry_waits_for_Retry_After_so_a_rate_limited_call_succeeds()
    {
        // One request per 2 s window; one retry whose own backoff would be 50 ms: only waiting the 3 s the server asks for (the window and a second) gets the call through.
        await using var server = await ServerTestBed.StartAsync(["--RequestsPerMinute", "1", "--RateLimitWindow", "00:00:02"]);
        using var chat = OpenAiCompatibleChat.Create(new Uri(server.Root, "v1"), "batchlearning-email",
            new OpenAiCompatibleChatOptions { MaxRetries = 1, FirstRetryDelay = TimeSpan.FromMilliseconds(50) });
        var watch = Stopwatch.StartNew();

        foreach (var email in Mail.Take(3))
        {
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, ClassificationPrompt.User(email))]);
            Assert.NotNull(ClassificationPrompt.ParseAnswer(response.Text));
        }

        var limited = (long)(await server.MetricsAsync())["rate_limited"]!["requests"]!;
        Assert.InRange(limited, 1, 2);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.9 * limited), $"{limited} refusals, but the calls took {watch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void Out_of_range_options_are_refused_with_their_range()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            OpenAiCompatibleChat.Create(new Uri("http://127.0.0.1:1/v1"), "m", new OpenAiCompatibleChatOptions { MaxRetries = 11 }));
        Assert.Contains("MaxRetries must be from 0 to 10; got 11.", refused.Message, StringComparison.Ordinal);
    }
}

using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ModelCallComparisonTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(45, new DateOnly(2026, 3, 3), seed: 21);

    [Fact]
    public async Task The_three_ways_classify_every_email_and_bill_what_the_prompts_hold()
    {
        // 15 requests per 1 s window: 45 one-email requests cannot all pass in one window, 5 packed requests of 9 can.
        await using var server = await ServerTestBed.StartAsync(["--RequestsPerMinute", "15", "--RateLimitWindow", "00:00:01"]);
        var price = PriceTable.Default.Api("gpt-4o-mini");
        var options = new ModelCallOptions("batchlearning-email", Repository.NewTemporaryFolder()) { ConcurrentCallers = 4, EmailsPerRequest = 9, MaxRetries = 6,
            PauseBetweenPaths = TimeSpan.FromSeconds(1.2) };

        var paths = await ModelCallComparison.RunAsync(new Uri(server.Root, "v1"), Mail, price, options).WaitAsync(ServerTestBed.HangGuard * 2);

        var (single, packed, batch) = (paths[0], paths[1], paths[2]);
        Assert.All(paths, p => Assert.Equal(Mail.Count, p.Classified));
        Assert.Equal((Mail.Count, 5, Mail.Count), (single.Requests, packed.Requests, batch.Requests));

        // Tokens are what the prompts hold, counted as the provider bills them (o200k_base), summed from the answers' usage.
        var tokens = TokenCounter.ForEncoding(TokenCounter.O200kBase);
        var singleInput = Mail.Sum(e => (long)(tokens.Count(ClassificationPrompt.System) + tokens.Count(ClassificationPrompt.User(e))));
        Assert.Equal(singleInput, single.InputTokens);
        Assert.Equal(singleInput, batch.InputTokens); // the batch file holds the same requests
        var packedInput = Mail.Chunk(9).Sum(g => (long)(tokens.Count(PackedClassificationPrompt.SystemFor(9)) + tokens.Count(PackedClassificationPrompt.User(g))));
        Assert.Equal(packedInput, packed.InputTokens);
        Assert.True(packed.InputTokens < single.InputTokens, $"packed {packed.InputTokens} tokens, one by one {single.InputTokens}");

        // The rate limit was met by the one-email path only, and every 429 was retried until it passed.
        Assert.True(single.RateLimited >= 1, $"no 429 in {single.HttpAttempts} attempts");
        Assert.Equal(single.Requests + single.RateLimited, single.HttpAttempts);
        Assert.Equal((0L, 5L), (packed.RateLimited!.Value, packed.HttpAttempts!.Value));
        Assert.Null(batch.HttpAttempts);

        // Cost: the billed tokens at the real-time rate, and at the batch rate for the file.
        Assert.Equal((single.InputTokens * price.InputPerMillion + single.OutputTokens * price.OutputPerMillion) / 1e6, single.CostUsd, 12);
        Assert.Equal((batch.InputTokens * price.BatchInputPerMillion + batch.OutputTokens * price.BatchOutputPerMillion) / 1e6, batch.CostUsd, 12);
        Assert.True(batch.OutputTokens > 0 && batch.P99LatencyMs >= batch.MedianLatencyMs);
    }

    [Theory]
    [InlineData(0, 10, "ConcurrentCallers")]
    [InlineData(257, 10, "ConcurrentCallers")]
    [InlineData(4, 1, "EmailsPerRequest")]
    [InlineData(4, 101, "EmailsPerRequest")]
    public async Task Out_of_range_options_are_refused_before_anything_is_sent(int callers, int perRequest, string named)
    {
        var options = new ModelCallOptions("m", Repository.NewTemporaryFolder()) { ConcurrentCallers = callers, EmailsPerRequest = perRequest };
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ModelCallComparison.RunAsync(new Uri("http://127.0.0.1:1/v1"), Mail, PriceTable.Default.Api("gpt-4o-mini"), options));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_past_ten_minutes_is_refused_with_its_range()
    {
        var options = new ModelCallOptions("m", Repository.NewTemporaryFolder()) { PauseBetweenPaths = TimeSpan.FromMinutes(11) };
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ModelCallComparison.RunAsync(new Uri("http://127.0.0.1:1/v1"), Mail, PriceTable.Default.Api("gpt-4o-mini"), options));
        Assert.Contains("PauseBetweenPaths", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_emails_is_refused_naming_the_argument()
    {
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ModelCallComparison.RunAsync(
            new Uri("http://127.0.0.1:1/v1"), [], PriceTable.Default.Api("gpt-4o-mini"), new ModelCallOptions("m", Repository.NewTemporaryFolder())));
        Assert.Contains("emails.Count", refused.Message, StringComparison.Ordinal);
    }
}

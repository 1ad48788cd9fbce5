using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Server;
using OpenAI.Chat;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class LatencyProfileTests
{
    [Fact]
    public void A_profiles_delays_have_its_median_and_the_log_normal_spread()
    {
        var profile = LatencyProfile.Known["emulate-gpt-4o-mini"];
        var random = new Random(7);

        var delays = Enumerable.Range(0, 20_000).Select(_ => profile.Sample(random).TotalMilliseconds).Order().ToList();

        // Log-normal: the median is exp(mu) = Median; the 95th percentile is Median * exp(1.645 * sigma), about 2.28 x for sigma 0.5.
        Assert.InRange(delays[delays.Count / 2], 400 * 0.97, 400 * 1.03);
        Assert.InRange(delays[(int)(delays.Count * 0.95)], 400 * Math.Exp(1.645 * 0.5) * 0.95, 400 * Math.Exp(1.645 * 0.5) * 1.05);
        Assert.Null(LatencyProfile.Find("none"));
        Assert.All(LatencyProfile.Known.Values, p => Assert.Contains("assumption", p.Source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_profile_a_call_takes_at_least_the_delay_drawn_for_it()
    {
        await using var server = await ServerTestBed.StartAsync(["--LatencyProfile", "emulate-gpt-4o-mini"]);
        var chat = server.Client().GetChatClient("batchlearning-email");
        var email = EmailGenerator.Day(1, new DateOnly(2026, 3, 2), seed: 16)[0];
        var expected = LatencyProfile.Known["emulate-gpt-4o-mini"].Sample(new Random(2026)); // the server's first draw: its generator is seeded with 2026
        var watch = Stopwatch.StartNew();

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(ClassificationPrompt.User(email))]);

        Assert.True(watch.Elapsed >= expected, $"the call took {watch.Elapsed.TotalMilliseconds:0} ms; the profile drew {expected.TotalMilliseconds:0} ms");
        Assert.NotNull(ClassificationPrompt.ParseAnswer(completion.Content[0].Text));
    }
}

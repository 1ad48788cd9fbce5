using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;

namespace BatchLearning.Tests.Costs;

/// <summary>Fewer, fuller requests cost less per email; a scheduled job pays its billing minimum per start; prices say whether they are published.</summary>
public sealed class PackingAndMachineCostTests
{
    private static readonly ApiPrice Mini = new("OpenAI", "gpt-4o-mini", 0.15, 0.60, 0.075, 0.30, "published", new DateOnly(2026, 11, 29), "docs");

    [Fact]
    public void Packing_lowers_the_cost_per_email_and_batch_at_k_1_is_exactly_the_discount()
    {
        var mail = EmailGenerator.Day(300, new DateOnly(2026, 3, 10), seed: 5);
        var examples = EmailGenerator.Day(3, new DateOnly(2026, 3, 9), seed: 8);
        var tokens = PackedClassificationPrompt.MeasureTokens(mail, TokenCounter.ForModel("gpt-4o-mini"), [1, 2, 5, 10, 20], examples);

        var points = PackingCost.Compare(Mini, tokens);

        Assert.Equal(0, points[0].RealTimeSaving, 9);
        Assert.Equal(0.5, points[0].BatchSaving, 9);
        Assert.All(points.Skip(1), p => Assert.True(p.BatchSaving > 0.5, $"k = {p.ItemsPerRequest}: {p.BatchSaving:P1}"));
        Assert.Equal(2, points.FirstPastHalf()!.ItemsPerRequest);
        // By hand: cost per 1,000 emails = 1000 x (input x price + output x price) / 1e6.
        var ten = points.Single(p => p.ItemsPerRequest == 10);
        Assert.Equal(1000 * (ten.InputTokensPerEmail * 0.15 + ten.OutputTokensPerEmail * 0.60) / 1e6, ten.RealTimePerThousandEmails, 12);
        Assert.Equal(5, points.ToChart("gpt-4o-mini").Series[0].X.Count);
    }

    [Fact]
    public void Packing_needs_one_email_per_request_as_its_reference()
    {
        var tokens = new[] { new PackedTokens(5, 1, 100, 3, 500, 30, 80) };

        Assert.Equal("tokens", Assert.Throws<ArgumentException>(() => PackingCost.Compare(Mini, tokens)).ParamName);
    }

    [Fact]
    public void A_started_job_pays_at_least_the_minimum_per_start()
    {
        var machine = new GpuPrice("none (CPU only)", "test machine", 0.36, new DateOnly(2026, 6, 17), "test");
        var runs = Enumerable.Repeat(TimeSpan.FromSeconds(0.5), 288).ToList();

        var cost = ScheduledJobCost.Estimate(machine, TimeSpan.FromSeconds(2), runs, BillingRule.Ec2PerSecond);

        Assert.Equal(288 * 60, cost.BilledSecondsPerDay);
        Assert.Equal(288 * 60 / 3600.0 * 0.36, cost.StartedPerRunPerDay, 9);
        Assert.Equal(24 * 0.36, cost.AlwaysUpPerDay, 9);
        Assert.True(cost.StartPerRunIsCheaper);
        Assert.Equal(TimeSpan.FromSeconds(62), BillingRule.Ec2PerSecond.Billed(TimeSpan.FromSeconds(61.2)));
        Assert.Equal(TimeSpan.FromHours(2), new BillingRule(TimeSpan.FromHours(1), TimeSpan.FromHours(1), "hourly").Billed(TimeSpan.FromMinutes(61)));
    }

    [Fact]
    public void The_shipped_table_says_which_batch_prices_are_published_and_has_a_dated_cpu_machine()
    {
        var prices = PriceTable.Default;

        Assert.All(prices.ApiPrices, p => Assert.True(p.BatchPriceIsPublished || p.BatchPriceBasis.StartsWith("derived", StringComparison.Ordinal), p.Model));
        Assert.True(prices.Api("gpt-4o-mini").BatchPriceIsPublished);
        Assert.False(prices.Api("claude-haiku-4.5").BatchPriceIsPublished);
        var cpu = prices.Cpu("m7g.large");
        Assert.Equal(0.0816, cpu.PerHour);
        Assert.Equal(new DateOnly(2026, 6, 17), cpu.Date);
        Assert.Equal(0.0816, cpu.AsHourlyPrice().PerGpuHour);
    }
}

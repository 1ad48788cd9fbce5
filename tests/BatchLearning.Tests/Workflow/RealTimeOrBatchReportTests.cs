using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Latency;
using BatchLearning.Prompts;
using BatchLearning.Timing;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>Notebook 05's statements on fixed numbers and the dated price table: every branch of their wording.</summary>
public sealed class RealTimeOrBatchReportTests
{
    private static readonly PriceTable Prices = PriceTable.Default;

    [Fact]
    public void The_price_basis_names_the_derived_batch_prices()
    {
        var finding = RealTimeOrBatchReport.PriceBasis(Prices);

        var derived = Prices.ApiPrices.Count(p => !p.BatchPriceIsPublished);
        Assert.Equal(derived, finding.Numbers["derived"]);
        Assert.Equal(derived == 0 ? "all published" : "some derived", finding.Verdict);
        Assert.Equal(derived > 0, finding.Text.Contains("A derived price is a computation, not a measurement.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_monthly_bill_states_both_prices_the_saving_and_the_window()
    {
        var workload = new ClassificationTokens("o200k_base", true, 100, 60, 80.5, 1.2).Workload(20_000);
        var costs = ApiCostCalculator.Compare(Prices, workload, "gpt-4o-mini");

        var finding = RealTimeOrBatchReport.MonthlyBill(costs[0], costs[1], Prices.Api("gpt-4o-mini"), Prices.Terms("OpenAI"));

        Assert.Equal("batch cheaper", finding.Verdict);
        Assert.Equal(0.5, finding.Numbers["saving"], 3);
        Assert.Contains("50 % less (published batch price), at the price of waiting up to 24 hours", finding.Text, StringComparison.Ordinal);
        Assert.Equal(costs[0].PerMonth / 2, finding.Numbers["batchPerMonth"], 6);
    }

    private static TimingFinding Race(double oneMs, double batchMs, HeadToHeadVerdict verdict) => new("End to end (text to category)", "email",
        new HeadToHeadResult("one at a time", "in batches", oneMs, batchMs, [oneMs / batchMs], oneMs / batchMs, oneMs / batchMs, verdict, new MachineContention(1, 0.01, false), 1), "s", "r");

    [Theory]
    [InlineData(0.1, HeadToHeadVerdict.SecondFaster, "found batches faster end to end.", false)]
    [InlineData(0.1, HeadToHeadVerdict.TooCloseToCall, "could not tell one at a time from batches apart end to end.", false)]
    [InlineData(1.0, HeadToHeadVerdict.FirstFaster, "found one at a time faster end to end.", true)]
    public void The_own_models_price_follows_the_race_and_says_when_the_machine_was_busy(double oneMs, HeadToHeadVerdict verdict, string words, bool busy)
    {
        var cpu = Prices.Cpu("m7g.large");
        ClassifierThroughput[] profile = [new(1, 10_000, 0.1), new(256, 40_000, 6.4)];

        var finding = RealTimeOrBatchReport.OwnModelPrice(cpu, profile, 20_000, Race(oneMs, 0.05, verdict));

        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        Assert.Equal(verdict.ToString(), finding.Verdict);
        Assert.Contains(" at batch 256's, the highest it measured.", finding.Text, StringComparison.Ordinal);
        Assert.Equal(busy, finding.Text.Contains("the machine was busy", StringComparison.Ordinal));
        Assert.Equal(4 * finding.Numbers["perMillionAtBest"], finding.Numbers["perMillionAtBatchOne"], 9);
    }

    [Fact]
    public void Break_even_says_when_renting_never_wins()
    {
        var cpu = Prices.Cpu("m7g.large");

        var never = RealTimeOrBatchReport.BreakEven(cpu, null, 20_000, "gpt-4o-mini");
        var above = RealTimeOrBatchReport.BreakEven(cpu, 5_000, 20_000, "gpt-4o-mini");

        Assert.Equal(("never", "At this throughput the machine cannot process enough emails a day to beat the API."), (never.Verdict, never.Text));
        Assert.Equal("break-even", above.Verdict);
        Assert.EndsWith("in real time above 5,000 emails a day; you have 20,000.", above.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_periodic_job_is_read_against_its_formulas()
    {
        var service = new ServiceTime.Linear(0.001, 0.0001);
        var periodic = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(0.25), new BatchingPolicy.PeriodicFlush(300), service) { Seed = 3 });
        var realTime = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(0.25), new BatchingPolicy.None(), service) { Seed = 3 });

        var finding = RealTimeOrBatchReport.PeriodicAgainstRealTime(periodic, realTime, 300, 0.25);

        Assert.StartsWith("Every five minutes: mean wait ", finding.Text, StringComparison.Ordinal);
        Assert.Contains("(formula 150 s), p95 ", finding.Text, StringComparison.Ordinal);
        Assert.Contains("(formula 75.0). One by one", finding.Text, StringComparison.Ordinal);
        Assert.Equal(Math.Abs(periodic.MeanLatencySeconds / 150 - 1) <= 0.05 ? "agrees with the formula" : "differs from the formula", finding.Verdict);
        Assert.Contains("0.95 T = 570 s.", RealTimeOrBatchReport.ExplainP95(periodic, 600), StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_follows_the_packing_the_break_even_and_the_decision()
    {
        var workload = new ClassificationTokens("o200k_base", true, 100, 60, 80.5, 1.2).Workload(20_000);
        var costs = ApiCostCalculator.Compare(Prices, workload, "gpt-4o-mini");
        var service = new ServiceTime.Linear(0.001, 0.0001);
        var periodic = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(0.25), new BatchingPolicy.PeriodicFlush(300), service) { Seed = 3 });
        var triage = ProcessingDecision.Decide("email triage", TimeSpan.FromMinutes(5), Prices.Terms("OpenAI"));
        PackingCostPoint Point(int k, double saving) => new(k, 60, 1, 0.01, 0.005, 0, saving);
        RealTimeOrBatchAdvice Advice(double? breakEven, params PackingCostPoint[] packing) =>
            new(triage, Prices.Terms("OpenAI"), 20_000, costs[0], costs[1], packing, 60, Prices.Cpu("m7g.large"), breakEven, periodic, periodic);

        var packed = Advice(5_000, Point(1, 0.5), Point(10, 0.6)).Advice().Text.Split('\n');
        var unpacked = Advice(null, Point(1, 0.5), Point(10, 0.45)).Advice().Text.Split('\n');
        var below = Advice(50_000, Point(1, 0.5)).Advice().Text.Split('\n');

        Assert.Equal(6, packed.Length);
        Assert.EndsWith("Email triage with a 5-minute budget gets " + triage.DescribeChoice() + ".", packed[0], StringComparison.Ordinal);
        Assert.Contains("10 per request took the batch saving to 60 %", packed[2], StringComparison.Ordinal);
        Assert.Contains("(break-even 5,000 a day)", packed[3], StringComparison.Ordinal);
        Assert.Contains("did not take the saving past 50 % here (best 50 % at 1 per request)", unpacked[2], StringComparison.Ordinal);
        Assert.Equal("• At the throughput measured here a rented machine could not process enough emails to beat the API.", unpacked[3]);
        Assert.StartsWith("• Below 50,000 emails a day (you have 20,000)", below[3], StringComparison.Ordinal);
    }
}

using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Providers;
using BatchLearning.Timing;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>The first lesson's statements as findings (issue 27): each branch of their wording on fixed numbers.</summary>
public sealed class InboxDayReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    // Two runs of a 5-minute window; four emails that waited 1, 2, 3 and 4 minutes.
    private static InboxDayResult Day() => new(TimeSpan.FromMinutes(5),
        [new JobRunResult(1, 2, 0, 0, 10, 0.012), new JobRunResult(1, 2, 0, 10, 20, 0.020)],
        [.. new[] { 1, 2, 3, 4 }.Select(m => new ClassifiedEmail($"e{m}", EmailCategory.Support, Start, Start.AddMinutes(m)))],
        []);

    private static List<WorkflowPath> Paths(double own, double job) =>
    [
        new("own model, real time", own, 0.0004, 0.0004, "x"), new("own model, batch job every 5 min", job, 150, 300, "x"),
        new("LLM, real time", 0.12, double.NaN, double.NaN, "x"), new("LLM, batch API", 0.06, 3600, 86_400, "x"),
    ];

    [Fact]
    public void The_day_states_its_waits_against_the_window_and_whether_the_categories_matched()
    {
        var same = InboxDayReport.Describe(Day(), sameAsAtOnce: true);
        var different = InboxDayReport.Describe(Day(), sameAsAtOnce: false);

        Assert.Equal("2 runs classified 4 emails; the busiest took 20 ms. Mean wait 2.50 min, median 2.00 min, p99 4.00 min (99 % of emails waited less), "
            + "for a window of 5 min. Categories identical to classifying the day at once.", same.Text);
        Assert.Equal("different categories", different.Verdict);
        Assert.EndsWith("half the window, 2.5 min; measured 2.50.", InboxDayReport.ExplainMeanWait(Day()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.2, 0.3, "job cheaper", "cost 75 % less than keeping a machine up")]
    [InlineData(1.2, 1.2, "job not cheaper", "cost no less than keeping a machine up")]
    [InlineData(1.2, 1.197, "job cheaper", "cost under 1 % less than keeping a machine up")]
    public void The_closing_sentence_says_the_job_saved_only_when_it_cost_less(double own, double job, string verdict, string wording)
    {
        double[] rounds = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
        var timed = HeadToHead.Judge(ArrivalRace.OneAtATime, ArrivalRace.Batches, new RoundTimes(rounds, rounds, rounds));
        var race = new ArrivalRaceResult(100, 32, timed, timed, timed, timed, true);

        var closing = InboxDayReport.Summarise(race, Day(), Paths(own, job));

        Assert.Equal(verdict, closing.Verdict);
        Assert.Contains(wording.Replace("75 %", "75 %", StringComparison.Ordinal), closing.Text.Replace("75%", "75 %", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("through the batch API saved 50 % of the token bill.", closing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_paths_name_the_cheapest_and_the_batch_api_s_saving()
    {
        var paths = InboxDayReport.DescribePaths(Paths(1.2, 0.03));

        Assert.StartsWith("Cheapest: own model, batch job every 5 min, $0.03 a day.", paths.Text, StringComparison.Ordinal);
        Assert.Contains("through the batch API (50 % less), with results up to 24 h later.", paths.Text, StringComparison.Ordinal);
        Assert.Equal(0.5, paths.Numbers["llmBatchSaving"], 9);
        Assert.Equal("paths", Assert.Throws<ArgumentOutOfRangeException>(() => InboxDayReport.DescribePaths(Paths(1, 1).Take(3).ToList())).ParamName);
    }

    [Fact]
    public void The_three_ways_of_calling_say_when_the_batch_file_billed_other_tokens_and_when_an_email_did_not_come_back()
    {
        var price = PriceTable.Default.Api("gpt-4o-mini");
        ModelCallPath Path(string name, long requests, long input, long output, int classified = 100) =>
            new(name, 100, classified, requests, null, null, input, output, 5, 9, 1, 0.001 * input / 1000);

        var same = ModelCallReport.Describe([Path("one", 100, 9000, 300), Path("k", 10, 2500, 400), Path("file", 100, 9000, 300)], price);
        var other = ModelCallReport.Describe([Path("one", 100, 9000, 300), Path("k", 10, 2500, 400), Path("file", 100, 9100, 300, classified: 98)], price);

        Assert.Contains("10 per request, 10 requests billed 2,500 and 400", same.Text, StringComparison.Ordinal);
        Assert.Contains("the batch file billed the same tokens as one per request", same.Text, StringComparison.Ordinal);
        Assert.Equal("every email classified", same.Verdict);
        Assert.Contains("the batch file billed 9,100 and 300", other.Text, StringComparison.Ordinal);
        Assert.Equal("some unclassified", other.Verdict);
        Assert.Equal(2, other.Numbers["unclassified"]);
        Assert.Throws<ArgumentException>(() => ModelCallReport.Describe([Path("one", 1, 1, 1)], price));
        var uneven = ModelCallReport.Describe([Path("one", 100, 9000, 300), Path("k", 34, 2500, 400), Path("file", 100, 9000, 300)], price);
        Assert.Contains("up to 3 per request, 34 requests billed", uneven.Text, StringComparison.Ordinal);
    }
}

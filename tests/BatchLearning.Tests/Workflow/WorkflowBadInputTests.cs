using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Prompts;
using BatchLearning.Timing;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>The workflow's results at their edges: a histogram too fine to draw, a "day" that spans a year, a day with nothing classified.</summary>
public sealed class WorkflowBadInputTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_wait_histogram_with_a_one_tick_bin_is_refused_naming_the_range_instead_of_running_out_of_memory()
    {
        var day = new InboxDayResult(FiveMinutes, [], [], []);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => day.WaitHistogram(TimeSpan.FromTicks(1)));

        Assert.Equal("binWidth", error.ParamName);
        Assert.Contains("valid range: 30 ms to 300 s", error.Message);
    }

    [Fact]
    public void A_wait_histogram_as_wide_as_the_window_has_one_bin()
    {
        var day = new InboxDayResult(FiveMinutes, [], [], []);

        Assert.Single(day.WaitHistogram(FiveMinutes));
    }

    [Fact]
    public void A_day_with_one_email_a_year_later_is_refused_naming_it_before_any_run()
    {
        var day = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 1).ToList();
        day.Add(day[^1] with { Id = "late", ReceivedAt = day[^1].ReceivedAt.AddYears(1) });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InboxDay.Run(day, null!, FiveMinutes, Path.GetTempPath()));

        Assert.Equal("day[3].ReceivedAt", error.ParamName);
        Assert.Contains("valid range: 2026-03-02 00:00 to 24:00", error.Message);
    }

    [Fact]
    public void Comparing_the_paths_for_a_day_where_every_email_was_dead_lettered_is_refused_instead_of_a_wait_of_zero()
    {
        double[] rounds = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
        var timed = HeadToHead.Judge(ArrivalRace.OneAtATime, ArrivalRace.Batches, new RoundTimes(rounds, rounds, rounds));
        var race = new ArrivalRaceResult(100, 32, timed, timed, timed, timed, true);
        var day = new InboxDayResult(FiveMinutes, [], [], [new DeadLetter(0, "not an email", "x"), new DeadLetter(2, "not an email", "y")]);
        var measured = new WorkflowMeasurements(race, day, new JobStartUp(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), new ClassificationTokens("o200k_base", true, 2, 100, 50, 2));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowPaths.Compare(measured, PriceTable.Default));

        Assert.Equal("measured.Day.Results.Count", error.ParamName);
        Assert.Contains("all 2 lines went to the dead letters", error.Message);
    }

    [Fact]
    public void A_day_with_nothing_classified_has_no_mean_wait_rather_than_a_wait_of_zero()
    {
        var day = new InboxDayResult(FiveMinutes, [], [], [new DeadLetter(0, "not an email", "x")]);

        var error = Assert.Throws<InvalidOperationException>(() => day.MeanWait);

        Assert.Contains("classified no email (its 1 lines all went to the dead letters)", error.Message);
        Assert.Throws<InvalidOperationException>(() => day.WaitQuantile(0.5));
    }
}

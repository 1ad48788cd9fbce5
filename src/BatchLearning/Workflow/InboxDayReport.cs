using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>The first lesson's day through the job, in words from its numbers: runs, waits against the window, and whether the categories matched.</summary>
public static class InboxDayReport
{
    /// <summary>The day: runs and emails, the busiest run, the mean, median and p99 wait against the window, and whether the categories are those of classifying the day at once.</summary>
    /// <param name="day">The day's result, with at least one classified email.</param>
    /// <param name="sameAsAtOnce">Whether every email got the category the classifier gives the whole day at once.</param>
    public static Finding Describe(InboxDayResult day, bool sameAsAtOnce)
    {
        ArgumentNullException.ThrowIfNull(day);
        var window = day.Window.TotalMinutes;
        var (mean, median, p99) = (day.MeanWait.TotalMinutes, day.WaitQuantile(0.5).TotalMinutes, day.WaitQuantile(0.99).TotalMinutes);
        var busiestMs = day.Runs.Count == 0 ? 0 : day.Runs.Max(r => r.Seconds) * 1000;
        var text = Invariant($"{day.Runs.Count} runs classified {day.Results.Count:N0} emails; the busiest took {busiestMs:0} ms. ") +
            Invariant($"Mean wait {mean:0.00} min, median {median:0.00} min, p99 {p99:0.00} min (99 % of emails waited less), for a window of {window:0.##} min. ") +
            $"Categories {(sameAsAtOnce ? "identical to" : "different from")} classifying the day at once.";
        return Finding.Of("a day through the job", text, ("runs", day.Runs.Count), ("emails", day.Results.Count), ("busiestRunMs", busiestMs),
            ("meanWaitMinutes", mean), ("medianWaitMinutes", median), ("p99WaitMinutes", p99), ("windowMinutes", window))
            with { Verdict = sameAsAtOnce ? "same categories" : "different categories" };
    }

    /// <summary>Why the mean wait is half the window, with the measured mean, for the check of the learner's estimate.</summary>
    public static string ExplainMeanWait(InboxDayResult day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var window = day.Window.TotalMinutes;
        return Invariant($"an email arrives at a random moment of its {window:0.##}-minute window and waits for the window's end, ") +
            Invariant($"so waits spread evenly from 0 to {window:0.##} min (the flat chart) and the mean is half the window, {window / 2:0.0} min; measured {day.MeanWait.TotalMinutes:0.00}.");
    }

    /// <summary>
    /// The four paths' costs and waits in a sentence (own model in real time, the batch job, the LLM in real time, the LLM through the batch API, in
    /// <see cref="WorkflowPaths.Compare"/>'s order), naming the cheapest.
    /// </summary>
    public static Finding DescribePaths(IReadOnlyList<WorkflowPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Guard.InRange(paths.Count, 4, 4, nameof(paths));
        var (own, job, llmNow, llmBatch) = (paths[0], paths[1], paths[2], paths[3]);
        Guard.Above(llmNow.CostPerDay, 0, 1e12, "paths[2].CostPerDay");
        var cheapest = paths.MinBy(p => p.CostPerDay)!;
        var batchSaving = 1 - llmBatch.CostPerDay / llmNow.CostPerDay;
        var text = Invariant($"Cheapest: {cheapest.Path}, ${cheapest.CostPerDay:0.00} a day. ") +
            Invariant($"Your own model answers in {own.WorstWaitSeconds * 1000:0.0} ms in real time for ${own.CostPerDay:0.00} a day; ") +
            Invariant($"the batch job makes emails wait {job.TypicalWaitSeconds / 60:0.0} min (median) for ${job.CostPerDay:0.00}. ") +
            Invariant($"The LLM costs ${llmNow.CostPerDay:0.00} a day in real time and ${llmBatch.CostPerDay:0.00} through the batch API ({batchSaving:P0} less), ") +
            Invariant($"with results up to {llmBatch.WorstWaitSeconds / 3600:0} h later.");
        return Finding.Of("four paths, priced", text, ("ownCostPerDay", own.CostPerDay), ("jobCostPerDay", job.CostPerDay), ("llmRealTimeCostPerDay", llmNow.CostPerDay),
            ("llmBatchCostPerDay", llmBatch.CostPerDay), ("llmBatchSaving", batchSaving), ("cheapestCostPerDay", cheapest.CostPerDay));
    }

    /// <summary>The lesson's closing sentence: the race's per-email times, the job's mean wait and what it saved, and the batch API's saving.</summary>
    public static Finding Summarise(ArrivalRaceResult race, InboxDayResult day, IReadOnlyList<WorkflowPath> paths)
    {
        ArgumentNullException.ThrowIfNull(race);
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(paths);
        Guard.InRange(paths.Count, 4, 4, nameof(paths));
        var (own, job, llmNow, llmBatch) = (paths[0], paths[1], paths[2], paths[3]);
        Guard.Above(llmNow.CostPerDay, 0, 1e12, "paths[2].CostPerDay");
        var saving = 1 - job.CostPerDay / own.CostPerDay;
        var jobSaving = saving >= 0.005 ? Invariant($"cost {saving:P0} less than") : saving > 0 ? "cost under 1 % less than" : "cost no less than";
        var text = Invariant($"On this machine: one email alone took {race.OneAtATimeMsPerEmail:0.000} ms, one email in a batch of {race.BatchSize} {race.InBatchesMsPerEmail:0.000} ms. ") +
            Invariant($"A {day.Window.TotalMinutes:0.##}-minute job made the average email wait {day.MeanWait.TotalMinutes:0.0} min and {jobSaving} keeping a machine up for real time. ") +
            Invariant($"For an LLM, waiting up to a day through the batch API saved {1 - llmBatch.CostPerDay / llmNow.CostPerDay:P0} of the token bill.");
        return Finding.Of("what the first lesson measured", text, ("oneAtATimeMsPerEmail", race.OneAtATimeMsPerEmail), ("inBatchesMsPerEmail", race.InBatchesMsPerEmail),
            ("meanWaitMinutes", day.MeanWait.TotalMinutes), ("jobCostPerDay", job.CostPerDay), ("ownCostPerDay", own.CostPerDay))
            with { Verdict = job.CostPerDay < own.CostPerDay ? "job cheaper" : "job not cheaper" };
    }
}

using BatchLearning.Findings;
using BatchLearning.Jobs;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>A watched day's backlog in words: the failed runs, the longest any email waited, and whether the job kept up outside the failures.</summary>
public static class InboxBacklogReport
{
    /// <summary>
    /// The runs, the failed ones, the worst backlog (before which run, how long the oldest email had waited, how much waited), the first run after the
    /// failures, the longest wait outside them, and the dead letters. The verdict: "kept up" when outside the failures no email waited longer than the period
    /// <paramref name="window"/>, "fell behind" otherwise.
    /// </summary>
    /// <param name="timeline">The day's runs.</param>
    /// <param name="window">The job's period.</param>
    public static Finding Describe(InboxMetricsTimeline timeline, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        Guard.InRange(timeline.Runs.Count, 1, int.MaxValue, "timeline.Runs.Count");
        var runs = timeline.Runs;
        var worst = runs.MaxBy(r => r.OldestWaitingSeconds)!;
        var lastFailure = runs.LastOrDefault(r => !r.Succeeded);
        var recovery = lastFailure is null ? null : runs.FirstOrDefault(r => r.Succeeded && r.At > lastFailure.At);
        var calm = runs.Where(r => r.Succeeded && r != recovery).Select(r => r.OldestWaitingSeconds).DefaultIfEmpty(0).Max() / 60;
        var keptUp = calm <= window.TotalMinutes;
        var failed = runs.Count(r => !r.Succeeded);
        var text = Invariant($"{runs.Count} runs, {failed} failed (writes refused). Before the run at {worst.At:HH:mm} the oldest email had waited ") +
            Invariant($"{worst.OldestWaitingSeconds / 60:0} minutes with {worst.BacklogEmails:N0} emails ({worst.BacklogBytes / 1024.0:N0} KiB) waiting; ") +
            (recovery is null ? "" : Invariant($"the first run after the failures committed {recovery.Emails:N0} emails in {recovery.DurationSeconds * 1000:0} ms. ")) +
            Invariant($"Outside the failures the oldest email never waited more than {calm:0.0} minutes: ") + (keptUp ? "the job kept up" : "the job fell behind") +
            Invariant($". Dead letters: {runs.Sum(r => r.DeadLetters)}.");
        return Finding.Of("the job's backlog through the day", text, ("runs", runs.Count), ("failedRuns", failed), ("worstOldestWaitingMinutes", worst.OldestWaitingSeconds / 60),
            ("worstBacklogEmails", worst.BacklogEmails), ("recoveryEmails", recovery?.Emails ?? double.NaN), ("calmOldestWaitingMinutes", calm),
            ("windowMinutes", window.TotalMinutes), ("deadLetters", runs.Sum(r => r.DeadLetters)))
            with { Verdict = keptUp ? "kept up" : "fell behind" };
    }
}

using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Findings;
using BatchLearning.Jobs;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>
/// Notebook 06's statements about the email service, each worded from the run's numbers: the classifier on unseen mail, the five-minute job's day,
/// the worker process killed, refused its writes and audited, what a run costs to start, and the provider batch priced before sending.
/// </summary>
public static class InboxServiceReport
{
    /// <summary>The classifier on the test mail: its accuracy and its weakest category's recall.</summary>
    public static Finding TestAccuracy(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        Guard.InRange(confusion.Total, 1, int.MaxValue, "confusion.Total");
        var lowest = Enum.GetValues<EmailCategory>().Where(c => !double.IsNaN(confusion.Recall(c))).MinBy(confusion.Recall);
        var text = Invariant($"Test accuracy on {confusion.Total:N0} unseen emails: {confusion.Accuracy:P1}. Lowest recall: {lowest} ({confusion.Recall(lowest):P1}).");
        return Finding.Of("the classifier on unseen mail", text, ("emails", confusion.Total), ("accuracy", confusion.Accuracy), ("lowestRecall", confusion.Recall(lowest)));
    }

    /// <summary>A simulated day of the five-minute job: runs, emails classified, dead letters, the busiest run, the runs that found nothing new.</summary>
    /// <param name="day">The day's runs.</param>
    /// <param name="classified">Emails in the job's results.</param>
    /// <param name="deadLetters">The lines the job set aside.</param>
    public static Finding JobDay(InboxReplayDay day, int classified, IReadOnlyList<DeadLetter> deadLetters)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(deadLetters);
        var runs = day.Succeeded;
        var busiest = runs.MaxBy(r => r.Classified);
        var idle = runs.Count(r => r.Commits == 0);
        var reason = deadLetters.Count == 0 ? "" : Invariant($" (the first: {deadLetters[0].Reason})");
        var text = Invariant($"{runs.Count} runs, {classified:N0} emails classified, {deadLetters.Count} dead letters{reason}; ") +
            (busiest is null || busiest.Classified == 0 ? "no run classified anything" : Invariant($"the busiest run classified {busiest.Classified} emails in {busiest.Seconds * 1000:0} ms")) +
            Invariant($", {idle} runs found nothing new.");
        return Finding.Of("a day of the five-minute job", text, ("runs", runs.Count), ("classified", classified), ("deadLetters", deadLetters.Count),
            ("busiestRunEmails", busiest?.Classified ?? 0), ("busiestRunMs", (busiest?.Seconds ?? 0) * 1000), ("idleRuns", idle), ("failedRuns", day.Failures.Count));
    }

    /// <summary>The inbox as the worker finds it: emails and malformed lines waiting, and how many more arrive while it runs.</summary>
    public static Finding Waiting(int waitingEmails, int malformedLines, int arriving, int perSecond)
    {
        var text = Invariant($"{waitingEmails:N0} emails and {malformedLines} malformed lines wait in the inbox; ") +
            Invariant($"{arriving:N0} more arrive at {perSecond:N0} a second while the worker runs.");
        return Finding.Of("the inbox the worker starts on", text, ("waitingEmails", waitingEmails), ("malformedLines", malformedLines),
            ("arriving", arriving), ("perSecond", perSecond));
    }

    /// <summary>
    /// The worker under a file-size limit: the error it logged, the bytes still waiting, the exit code of its orderly stop.
    /// The verdict: "nothing committed" when every write was refused, "some committed" otherwise.
    /// </summary>
    /// <param name="refused">The error the worker logged for a failed run.</param>
    /// <param name="progressBefore">The inbox before the worker started.</param>
    /// <param name="progressAfter">The inbox after it stopped.</param>
    /// <param name="exitCode">Its exit code after SIGTERM.</param>
    public static Finding WritesRefused(WorkerLogEntry refused, InboxReplayProgress progressBefore, InboxReplayProgress progressAfter, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(progressBefore);
        ArgumentNullException.ThrowIfNull(progressAfter);
        var committed = progressAfter.CommittedBytes - progressBefore.CommittedBytes;
        var text = Invariant($"Under the limit the worker logged, at {refused.Time} (UTC): \"{refused.Message}\" ") +
            (committed == 0 ? "Nothing was committed" : Invariant($"{committed:N0} bytes were committed all the same")) +
            Invariant($" ({progressAfter.UncommittedBytes:N0} bytes still wait), and on SIGTERM it exited with {exitCode}.");
        return Finding.Of("the worker with its writes refused", text, ("committedBytes", committed), ("waitingBytes", progressAfter.UncommittedBytes), ("exitCode", exitCode))
            with { Verdict = committed == 0 ? "nothing committed" : "some committed" };
    }

    /// <summary>What the worker logged when it started again after a kill (where it resumed) and when it met a malformed line.</summary>
    /// <param name="resumed">The start's "Starting from the checkpoint" event.</param>
    /// <param name="warned">The warning for a malformed line.</param>
    public static Finding Logged(WorkerLogEntry resumed, WorkerLogEntry warned)
    {
        ArgumentNullException.ThrowIfNull(resumed);
        ArgumentNullException.ThrowIfNull(warned);
        var text = Invariant($"After the first kill the next start logged: \"{resumed.Message}\" Meeting the malformed lines, the last start logged a warning: \"{warned.Message}\"");
        return Finding.Of("what the worker logged", text, ("resumedAtCommittedBytes", resumed.Number("Committed")), ("resumedWithWaitingBytes", resumed.Number("Waiting")));
    }

    /// <summary>
    /// The audit after the worker's lives, counted from the files alone: emails and malformed lines appended, results, lost, classified twice, dead letters.
    /// The verdict: "none lost or repeated", or "some lost or repeated".
    /// </summary>
    /// <param name="audit">The audit of the inbox and the job's outputs.</param>
    /// <param name="lives">The worker's starts in order; the kills are those that ended with a nonzero exit code (a start still running has none).</param>
    public static Finding Audit(InboxAudit audit, IReadOnlyList<InboxWorkerLife> lives)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(lives);
        Guard.InRange(lives.Count, 1, int.MaxValue, "lives.Count");
        var kills = lives.Where(l => l.ExitCode is { } code && code != 0).ToList();
        var midRun = kills.Count(l => l.UncommittedBytes > 0);
        var last = lives[^1];
        var killed = kills.Count == 0 ? "was never killed"
            : Invariant($"was killed {Times(kills.Count)}") + (midRun == kills.Count ? " in the middle of a run" : Invariant($" ({midRun} of them in the middle of a run)"));
        var perLine = audit.DeadLetters == audit.MalformedLines ? "one per malformed line" : Invariant($"for {audit.MalformedLines} malformed lines");
        var text = Invariant($"{audit.Appended:N0} emails and {audit.MalformedLines} malformed lines reached the inbox while the worker {killed}: ") +
            Invariant($"{audit.Results:N0} results, {audit.Lost} lost, {audit.Duplicated} classified twice, {audit.DeadLetters} dead letters ({perLine}). ") +
            (last.ExitCode == 0 ? "The last start exited with 0 after an orderly stop." : Invariant($"The last start ended with exit code {Shown(last.ExitCode)}."));
        return Finding.Of("the audit after the kills", text, ("appended", audit.Appended), ("malformedLines", audit.MalformedLines), ("results", audit.Results),
            ("lost", audit.Lost), ("duplicated", audit.Duplicated), ("deadLetters", audit.DeadLetters), ("kills", kills.Count), ("killsMidRun", midRun),
            ("lastExitCode", last.ExitCode ?? double.NaN))
            with { Verdict = audit.Lost + audit.Duplicated == 0 ? "none lost or repeated" : "some lost or repeated" };
    }

    /// <summary>The audit in the exercise's words: "none", "a few" (under 100) or "hundreds" lost or classified twice.</summary>
    public static string LostOrRepeated(InboxAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var count = audit.Lost + audit.Duplicated;
        return count == 0 ? "none" : count < 100 ? "a few" : "hundreds";
    }

    /// <summary>Why the audit came out as it did, for the check of the learner's prediction.</summary>
    public static string ExplainAudit(InboxAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var counted = Invariant($"{audit.Lost} emails were lost and {audit.Duplicated} classified twice. ");
        return counted + (audit.Lost + audit.Duplicated == 0
            ? "A commit writes its results under a temporary name and renames them into place, then moves the checkpoint; a killed process leaves at most a " +
              "half-written file that the next start removes, and it goes on from the checkpoint: each email is committed once."
            : "The job's commit should make each email land once: results renamed into place, then the checkpoint. Here it did not, so look at the outputs for a " +
              "commit that was not atomic.");
    }

    /// <summary>
    /// The start of a run, measured, and what a day of runs costs on a machine started for each run against one kept up.
    /// The verdict: "start per run cheaper" or "keep up cheaper".
    /// </summary>
    public static Finding JobCost(ScheduledJobCost cost, JobStartUp startUp)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(startUp);
        var used = cost.ProcessingSecondsPerDay + cost.RunsPerDay * cost.StartSecondsPerRun;
        var minimumDominates = cost.BilledSecondsPerDay > 2 * used;
        var text = Invariant($"Measured start of a run: {Duration(startUp.ProcessStart)} to start a .NET process and {Duration(startUp.ModelLoad)} to load the model. ") +
            Invariant($"Started {cost.RunsPerDay} times a day, the job processes for {cost.ProcessingSecondsPerDay:0.0} s a day in all but is billed {cost.BilledSecondsPerDay / 3600:0.00} h") +
            (minimumDominates ? Invariant($" (the billing minimum per start dominates, {cost.Billing})") : "") +
            Invariant($": ${cost.StartedPerRunPerDay:0.000} a day, against ${cost.AlwaysUpPerDay:0.000} for the machine kept up all day.");
        return Finding.Of("a day of job runs, priced", text, ("processStartSeconds", startUp.ProcessStart.TotalSeconds), ("modelLoadSeconds", startUp.ModelLoad.TotalSeconds),
            ("runsPerDay", cost.RunsPerDay), ("processingSecondsPerDay", cost.ProcessingSecondsPerDay), ("billedSecondsPerDay", cost.BilledSecondsPerDay),
            ("startedPerRunPerDay", cost.StartedPerRunPerDay), ("alwaysUpPerDay", cost.AlwaysUpPerDay))
            with { Verdict = cost.StartPerRunIsCheaper ? "start per run cheaper" : "keep up cheaper" };
    }

    /// <summary>The provider batch priced before anything is sent: requests, input tokens counted, output tokens at their cap, the batch price.</summary>
    /// <param name="counted">The tokens counted over the mail.</param>
    /// <param name="estimate">The batch cost, with every answer at its token cap.</param>
    public static Finding BatchEstimate(ClassificationTokens counted, ApiCost estimate)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(estimate);
        var inputTokens = counted.Emails * (counted.InstructionTokens + counted.MeanEmailTokens);
        var outputTokens = (double)counted.Emails * ClassificationPrompt.MaxOutputTokens;
        var text = Invariant($"Estimated before sending: {counted.Emails:N0} requests, {inputTokens:N0} input tokens ({counted.Encoding}) and at most ") +
            Invariant($"{outputTokens:N0} output tokens: ${estimate.PerDay:0.00} at {estimate.Model}'s batch price ({estimate.PriceDate:yyyy-MM-dd}).");
        return Finding.Of("the provider batch, estimated", text, ("requests", counted.Emails), ("inputTokens", inputTokens), ("maxOutputTokens", outputTokens),
            ("dollars", estimate.PerDay));
    }

    /// <summary>The same LLM's day in real time against its batch price. The verdict: "batch cheaper" or "batch not cheaper".</summary>
    public static Finding LlmRealTimeAgainstBatch(ApiCost realTime, ApiCost batch)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        ArgumentNullException.ThrowIfNull(batch);
        var text = Invariant($"For reference, {realTime.Model} in real time would cost ${realTime.PerDay:0.00} a day against ${batch.PerDay:0.00} in batch.");
        return Finding.Of("the LLM in real time against batch", text, ("realTimePerDay", realTime.PerDay), ("batchPerDay", batch.PerDay))
            with { Verdict = batch.PerDay < realTime.PerDay ? "batch cheaper" : "batch not cheaper" };
    }

    // Seconds from a tenth of a second, milliseconds below it ("0.15 s", "4.2 ms").
    private static string Duration(TimeSpan span) => span.TotalSeconds >= 0.1 ? Invariant($"{span.TotalSeconds:0.00} s") : Invariant($"{span.TotalMilliseconds:0.0} ms");

    private static string Times(int count) => count switch { 1 => "once", 2 => "twice", _ => Invariant($"{count} times") };

    private static string Shown(int? exitCode) => exitCode is { } code ? Invariant($"{code}") : "unknown (still running)";
}

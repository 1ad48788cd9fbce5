using BatchLearning.Email;
using BatchLearning.Jobs;

namespace BatchLearning.Workflow;

/// <summary>
/// A day of mail through the real five-minute job: the emails are appended to an inbox file in the order they arrived, and at the end of every
/// window a simulated clock is set to that moment and <see cref="InboxBatchJob.RunOnce"/> classifies what came in since the last run.
/// The clock is simulated so that a day takes seconds; the inbox, the job, its commits and its checkpoint are the real ones.
/// </summary>
public static class InboxDay
{
    /// <summary>Replays <paramref name="day"/> through the job in a new folder under <paramref name="workFolder"/>, one run per window.</summary>
    /// <param name="day">The day's emails in arrival order (their categories are not written to the inbox), at least one.</param>
    /// <param name="classifier">The trained classifier the job uses.</param>
    /// <param name="window">How often the job runs, from 1 second to 1 day.</param>
    /// <param name="workFolder">Where the inbox and the job's output go; created if missing.</param>
    /// <exception cref="ArgumentOutOfRangeException">An empty day, an email outside the first email's day, or a window out of range.</exception>
    public static InboxDayResult Run(IReadOnlyList<EmailMessage> day, EmailClassifier classifier, TimeSpan window, string workFolder)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(day), 0, "The day needs at least one email.");
        }

        CheckOneDay(day);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);

        if (window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be from 1 second to 1 day.");
        }

        var inbox = Path.Combine(workFolder, "inbox.jsonl");
        var output = Path.Combine(workFolder, "classified");
        Directory.CreateDirectory(workFolder);
        File.WriteAllText(inbox, "");
        var runs = Replay(day, classifier, window, new InboxJobOptions(inbox, output));
        return new InboxDayResult(window, runs, InboxBatchJob.ReadResults(output), InboxBatchJob.ReadDeadLetters(output));
    }

    // Every email within the first email's day: a day with one email a year later would replay a year of runs.
    private static void CheckOneDay(IReadOnlyList<EmailMessage> day)
    {
        var first = day[0] ?? throw new ArgumentException("day[0] is null; give an email.", nameof(day));
        var start = new DateTimeOffset(first.ReceivedAt.Date, first.ReceivedAt.Offset);
        for (var i = 0; i < day.Count; i++)
        {
            var at = day[i]?.ReceivedAt ?? throw new ArgumentException($"day[{i}] is null; give an email.", nameof(day));
            if (at < start || at >= start.AddDays(1))
            {
                throw Guard.OutOfRange($"day[{i}].ReceivedAt", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    $"{start:yyyy-MM-dd} 00:00 to 24:00, the day of the first email (day[0])");
            }
        }
    }

    // Window by window from the start of the first email's day: append the emails that arrived, move the clock to the window's end, run the job once.
    private static List<JobRunResult> Replay(IReadOnlyList<EmailMessage> day, EmailClassifier classifier, TimeSpan window, InboxJobOptions options)
    {
        var start = new DateTimeOffset(day[0].ReceivedAt.Date, day[0].ReceivedAt.Offset);
        var clock = new SimulatedClock(start);
        var runs = new List<JobRunResult>();
        using var job = InboxBatchJob.Open(options, classifier, clock);
        var next = 0;
        for (var end = start + window; next < day.Count || end <= start.AddDays(1); end += window)
        {
            var arrived = new List<string>();
            for (; next < day.Count && day[next].ReceivedAt < end; next++)
            {
                arrived.Add(EmailJson.ToLine(day[next] with { Category = null }) + "\n");
            }

            File.AppendAllText(options.InboxPath, string.Concat(arrived));
            clock.SetTo(end);
            runs.Add(job.RunOnce());
        }

        return runs;
    }
}

using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// What the meter <see cref="InboxMetrics.MeterName"/> recorded for one run of the inbox job, as <see cref="InboxMetricsRecorder"/> read it:
/// the backlog gauges just before the run (what a scrape at the timer's tick sees), then the run's own measurements.
/// </summary>
public sealed record InboxRunMetrics
{
    /// <summary>When the run started, on the job's clock.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>False when the run threw (<c>batchlearning.inbox.runs</c>, outcome failed): nothing of it was committed.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Emails classified and committed (<c>batchlearning.inbox.run.emails</c>); 0 for a failed run.</summary>
    public int Emails { get; init; }

    /// <summary>Wall-clock seconds of the run (<c>batchlearning.inbox.run.duration</c>), failed or not.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Lines sent to the dead letters (<c>batchlearning.inbox.dead_letters</c>).</summary>
    public int DeadLetters { get; init; }

    /// <summary>Complete inbox lines waiting before the run (<c>batchlearning.inbox.backlog.emails</c>).</summary>
    public int BacklogEmails { get; init; }

    /// <summary>Inbox bytes waiting before the run (<c>batchlearning.inbox.backlog.bytes</c>).</summary>
    public long BacklogBytes { get; init; }

    /// <summary>How long the oldest waiting email had waited before the run, in seconds (<c>batchlearning.inbox.backlog.oldest_age</c>).</summary>
    public double OldestWaitingSeconds { get; init; }

    /// <summary>Forward passes of the classifier (<c>batchlearning.inbox.batch.size</c> measurements); a failed run may have made some.</summary>
    public int ForwardPasses { get; init; }

    /// <summary>Sum of the classifier's confidence over the emails it predicted (<c>batchlearning.inbox.confidence</c>).</summary>
    public double ConfidenceSum { get; init; }

    /// <summary>Emails it predicted (the count of <c>batchlearning.inbox.confidence</c>).</summary>
    public int Predicted { get; init; }

    /// <summary>Predicted emails that came with a label (<c>batchlearning.inbox.labelled</c>).</summary>
    public int Labelled { get; init; }

    /// <summary>Of those, the ones whose prediction agreed with the label (tag agreed = true).</summary>
    public int Agreed { get; init; }

    /// <summary>Predictions per category (<c>batchlearning.inbox.classifications</c>, tag category); categories with none are absent.</summary>
    public IReadOnlyDictionary<EmailCategory, int> Categories { get; init; } = new Dictionary<EmailCategory, int>();

    /// <summary>Mean confidence of the run's predictions, from 0.2 to 1; NaN when it predicted nothing.</summary>
    public double MeanConfidence => Predicted == 0 ? double.NaN : ConfidenceSum / Predicted;

    /// <summary>Share of the labelled emails whose prediction agreed with the label; NaN when none came with a label.</summary>
    public double Agreement => Labelled == 0 ? double.NaN : (double)Agreed / Labelled;
}

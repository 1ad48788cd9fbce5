using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>The runs of one stretch of time (an hour by default), summed or at their worst: one point of an <see cref="InboxMetricsTimeline"/>.</summary>
public sealed record InboxMetricsBucket
{
    /// <summary>When the stretch starts.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Runs that started in it.</summary>
    public int Runs { get; init; }

    /// <summary>Of those, the runs that failed.</summary>
    public int FailedRuns { get; init; }

    /// <summary>Emails committed.</summary>
    public int Emails { get; init; }

    /// <summary>Lines sent to the dead letters.</summary>
    public int DeadLetters { get; init; }

    /// <summary>The largest backlog seen before a run, in complete lines.</summary>
    public int MaxBacklogEmails { get; init; }

    /// <summary>The longest wait of the oldest waiting email seen before a run, in minutes.</summary>
    public double MaxOldestWaitingMinutes { get; init; }

    /// <summary>The longest run, in milliseconds (wall clock).</summary>
    public double MaxRunMs { get; init; }

    /// <summary>Mean confidence of the predictions; NaN when there were none.</summary>
    public double MeanConfidence { get; init; }

    /// <summary>Agreement of the predictions with the labels that came with the mail; NaN when none came with one.</summary>
    public double Agreement { get; init; }

    /// <summary>Predictions per category.</summary>
    public IReadOnlyDictionary<EmailCategory, int> Categories { get; init; } = new Dictionary<EmailCategory, int>();

    /// <summary>Emails the classifier predicted (committed or not: a failed run's passes count).</summary>
    public int Predicted { get; init; }
}

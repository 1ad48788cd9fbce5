namespace BatchLearning.Jobs;

/// <summary>What waits in the inbox for the next run: everything after the last commit.</summary>
/// <param name="Bytes">Inbox bytes after the committed position (a line still being written included).</param>
/// <param name="Emails">Complete lines after the committed position (each becomes a result or a dead letter).</param>
/// <param name="OldestReceivedAt">When the first readable waiting email arrived; null when none waits.</param>
/// <param name="MeasuredAt">When it was measured, on the job's clock.</param>
public sealed record InboxBacklog(long Bytes, int Emails, DateTimeOffset? OldestReceivedAt, DateTimeOffset MeasuredAt)
{
    /// <summary>How long the oldest waiting email has waited (zero when none waits, or when it claims to arrive in the future).</summary>
    public TimeSpan OldestAge => OldestReceivedAt is { } at && at < MeasuredAt ? MeasuredAt - at : TimeSpan.Zero;
}

namespace BatchLearning.Jobs;

/// <summary>Where the job stands in an <see cref="InboxReplay"/>'s inbox, read from its files (the job may be another process, running or killed).</summary>
/// <param name="InboxBytes">The inbox's length.</param>
/// <param name="CommittedBytes">The checkpoint's position: inbox bytes processed and committed.</param>
/// <param name="Commits">Commits made since the output folder was created.</param>
/// <param name="HalfWrittenFiles">Temporary files in the output: a commit was being written when the job stopped (the next run removes them).</param>
public sealed record InboxReplayProgress(long InboxBytes, long CommittedBytes, int Commits, int HalfWrittenFiles)
{
    /// <summary>Inbox bytes not yet committed.</summary>
    public long UncommittedBytes => InboxBytes - CommittedBytes;
}

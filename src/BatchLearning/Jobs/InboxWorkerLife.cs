namespace BatchLearning.Jobs;

/// <summary>One life of a worker process, from its start to its end, as a row of a table: how it ended and what it left behind.</summary>
/// <param name="Ended">How it ended, in words (for example "killed with SIGKILL in the middle of a run").</param>
/// <param name="Commits">Commits it made (read from the checkpoint).</param>
/// <param name="FailedRuns">Runs it logged as failed.</param>
/// <param name="UncommittedBytes">Inbox bytes not yet committed when it ended.</param>
/// <param name="HalfWrittenFiles">Temporary files left in the output when it ended: a commit that was being written.</param>
/// <param name="ExitCode">Its exit code (137 after SIGKILL on Linux, 0 after an orderly stop); null when it still ran.</param>
public sealed record InboxWorkerLife(string Ended, int Commits, int FailedRuns, long UncommittedBytes, int HalfWrittenFiles, int? ExitCode)
{
    /// <summary>The life of <paramref name="worker"/> as it stands, with the replay's <paramref name="progress"/> read just after it ended.</summary>
    public static InboxWorkerLife Of(InboxWorkerProcess worker, string ended, InboxReplayProgress progress)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(progress);
        var failed = worker.Logs.Count(l => l.Level == "Error" && l.Message.Contains(" failed", StringComparison.Ordinal));
        return new InboxWorkerLife(ended, worker.Commits, failed, progress.UncommittedBytes, progress.HalfWrittenFiles, worker.ExitCode);
    }
}

namespace BatchLearning.Jobs;

/// <summary>Another batch job already holds the inbox's lock; running two on one inbox could process mail twice.</summary>
public sealed class InboxLockedException : IOException
{
    /// <summary>The exception for <paramref name="inboxPath"/>, locked through <paramref name="lockPath"/>.</summary>
    public InboxLockedException(string inboxPath, string lockPath, Exception inner)
        : base($"Another batch job is already processing the inbox '{inboxPath}' (it holds '{lockPath}'). Stop that job first; two jobs on one inbox could classify mail twice.", inner)
    {
    }
}

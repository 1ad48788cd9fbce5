namespace BatchLearning.Jobs;

/// <summary>Where the batch job reads and writes.</summary>
/// <param name="InboxPath">The inbox: a JSON Lines file that other programs append emails to (one email per line, each line ending in a line break).</param>
/// <param name="OutputDirectory">Where results, dead letters and the checkpoint go; created when missing.</param>
public sealed record InboxJobOptions(string InboxPath, string OutputDirectory)
{
    /// <summary>Most emails committed at once, from 1 to 1,000,000 (a larger backlog is processed in several commits); defaults to 10,000.</summary>
    public int MaxEmailsPerCommit { get; init; } = 10_000;

    /// <summary>Emails per forward pass of the classifier, at least 1; defaults to 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(InboxPath))
        {
            throw new ArgumentException("Give the inbox file.", nameof(InboxPath));
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new ArgumentException("Give the output folder.", nameof(OutputDirectory));
        }

        if (MaxEmailsPerCommit is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEmailsPerCommit), MaxEmailsPerCommit, "MaxEmailsPerCommit must be from 1 to 1,000,000.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }
    }
}

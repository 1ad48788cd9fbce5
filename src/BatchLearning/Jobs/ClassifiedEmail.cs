using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>One line of the job's results: an email's id, the category it was given, and when.</summary>
/// <param name="Id">The email's id.</param>
/// <param name="Category">The predicted category.</param>
/// <param name="ReceivedAt">When the email arrived.</param>
/// <param name="ClassifiedAt">When the job classified it (the job's clock: simulated in the notebook).</param>
public sealed record ClassifiedEmail(string Id, EmailCategory Category, DateTimeOffset ReceivedAt, DateTimeOffset ClassifiedAt)
{
    /// <summary>The byte position of the email's line in the inbox; null in results written before it was recorded.</summary>
    public long? Offset { get; init; }

    /// <summary>How long the email waited for its category.</summary>
    public TimeSpan Latency => ClassifiedAt - ReceivedAt;
}

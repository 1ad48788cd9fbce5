namespace BatchLearning.Email;

/// <summary>Measured inference speed of a small classifier at one batch size.</summary>
/// <param name="BatchSize">Items per call.</param>
/// <param name="ItemsPerSecond">Items classified per second (median of the timed calls).</param>
/// <param name="MillisecondsPerCall">Median time of one call of <paramref name="BatchSize"/> items.</param>
public sealed record ClassifierThroughput(int BatchSize, double ItemsPerSecond, double MillisecondsPerCall)
{
    /// <summary>How many timed calls the median was taken over.</summary>
    public int Calls { get; init; }
}

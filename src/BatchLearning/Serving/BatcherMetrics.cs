namespace BatchLearning.Serving;

/// <summary>
/// What a <see cref="DynamicBatcher{TInput, TOutput}"/> has done since it started (or since its metrics were reset).
/// Times are in milliseconds; percentiles are nearest-rank over completed requests.
/// </summary>
/// <param name="Completed">Requests answered with a result.</param>
/// <param name="Failed">Requests answered with their batch's exception.</param>
/// <param name="Cancelled">Requests their callers cancelled.</param>
/// <param name="Rejected">Requests refused because the queue was full.</param>
/// <param name="Batches">Batches run.</param>
/// <param name="MeanBatchSize">Mean requests per batch.</param>
/// <param name="BatchSizeCounts">How many batches had each size.</param>
/// <param name="QueueWaitP50">Median time from submit to dispatch.</param>
/// <param name="QueueWaitP99">99th percentile time from submit to dispatch.</param>
/// <param name="LatencyP50">Median time from submit to result.</param>
/// <param name="LatencyP95">95th percentile time from submit to result.</param>
/// <param name="LatencyP99">99th percentile time from submit to result.</param>
/// <param name="ThroughputPerSecond">Completed requests per second between the first submit and the last result.</param>
public sealed record BatcherMetrics(
    long Completed,
    long Failed,
    long Cancelled,
    long Rejected,
    long Batches,
    double MeanBatchSize,
    IReadOnlyDictionary<int, long> BatchSizeCounts,
    double QueueWaitP50,
    double QueueWaitP99,
    double LatencyP50,
    double LatencyP95,
    double LatencyP99,
    double ThroughputPerSecond);

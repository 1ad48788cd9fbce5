namespace BatchLearning.Serving;

/// <summary>
/// What a <see cref="DynamicBatcher{TInput, TOutput}"/> has done since it started (or since its metrics were reset).
/// Times are in milliseconds, as the names say; percentiles are nearest-rank over completed requests.
/// </summary>
/// <param name="Completed">Requests answered with a result.</param>
/// <param name="Failed">Requests answered with their batch's exception.</param>
/// <param name="Cancelled">Requests their callers cancelled.</param>
/// <param name="Rejected">Requests refused because the queue was full.</param>
/// <param name="Batches">Batches dispatched (counted when dispatched, so a caller that has its answer finds its batch counted).</param>
/// <param name="MeanBatchSize">Mean requests per batch.</param>
/// <param name="BatchSizeCounts">How many dispatched batches had each size.</param>
/// <param name="QueueWaitP50Ms">Median time from submit to dispatch.</param>
/// <param name="QueueWaitP99Ms">99th percentile time from submit to dispatch.</param>
/// <param name="LatencyP50Ms">Median time from submit to result.</param>
/// <param name="LatencyP95Ms">95th percentile time from submit to result.</param>
/// <param name="LatencyP99Ms">99th percentile time from submit to result.</param>
/// <param name="ThroughputPerSecond">Completed requests per second between the first submit and the last result.</param>
public sealed record BatcherMetrics(
    long Completed,
    long Failed,
    long Cancelled,
    long Rejected,
    long Batches,
    double MeanBatchSize,
    IReadOnlyDictionary<int, long> BatchSizeCounts,
    double QueueWaitP50Ms,
    double QueueWaitP99Ms,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    double ThroughputPerSecond)
{
    /// <summary>The metrics as a one-row DataFrame (the batch-size histogram as "size: count" text).</summary>
    public Microsoft.Data.Analysis.DataFrame ToDataFrame() => Tables.RecordTable.ToDataFrame([this]);

    /// <summary>The batch-size histogram: how many batches had each size.</summary>
    /// <exception cref="InvalidOperationException">No batch has run yet.</exception>
    public Charts.Chart ToBatchSizeChart()
    {
        if (BatchSizeCounts.Count == 0)
        {
            throw new InvalidOperationException("No batch has run yet, so there is no batch-size histogram to draw.");
        }

        return Charts.Chart.Of($"Batch sizes the batcher dispatched ({Batches:N0} batches, mean {MeanBatchSize:0.0})",
            new Charts.Axis("batch size"), new Charts.Axis("batches"),
            Charts.ChartSeries.From(BatchSizeCounts.OrderBy(c => c.Key), c => c.Key, c => c.Value, "batches", Charts.SeriesStyle.Bars));
    }
}

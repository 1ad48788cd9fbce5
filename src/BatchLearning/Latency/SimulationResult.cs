namespace BatchLearning.Latency;

/// <summary>
/// What <see cref="BatchingSimulator"/> measured. Latency runs from a request's arrival to the end of its batch's service;
/// queueing wait from arrival to the start of that service. Times are in seconds, as the names say. Percentiles are nearest-rank, after the warm-up.
/// When <see cref="Stable"/> is false the latency figures are NaN: an unstable queue has no steady-state latency.
/// When it is null the run measured fewer than <see cref="BatchingSimulator.FewestRequestsToJudgeStability"/> requests: too few to tell whether the
/// server keeps up, so the figures are those of this short run, not of a steady state.
/// </summary>
/// <param name="Policy">The batching policy, in words.</param>
/// <param name="Requests">Requests in the statistics (after the warm-up).</param>
/// <param name="Stable">
/// True when the server kept up; false when it could not (busy all the time, utilisation 1, or the queue grew through the run);
/// null when too few requests were measured to tell (fewer than <see cref="BatchingSimulator.FewestRequestsToJudgeStability"/>).
/// </param>
/// <param name="MeanLatencySeconds">Mean seconds from arrival to result.</param>
/// <param name="LatencyP50Seconds">Median latency, seconds.</param>
/// <param name="LatencyP95Seconds">95th percentile latency, seconds.</param>
/// <param name="LatencyP99Seconds">99th percentile latency, seconds.</param>
/// <param name="MeanQueueingWaitSeconds">Mean seconds from arrival to the start of service.</param>
/// <param name="ThroughputPerSecond">Requests completed per second of simulated time.</param>
/// <param name="Utilisation">The share of simulated time the server was busy.</param>
/// <param name="MeanBatchSize">Mean requests per batch.</param>
/// <param name="Batches">Batches served.</param>
/// <param name="BatchSizeCounts">How many batches had each size.</param>
public sealed record SimulationResult(
    string Policy,
    int Requests,
    bool? Stable,
    double MeanLatencySeconds,
    double LatencyP50Seconds,
    double LatencyP95Seconds,
    double LatencyP99Seconds,
    double MeanQueueingWaitSeconds,
    double ThroughputPerSecond,
    double Utilisation,
    double MeanBatchSize,
    int Batches,
    IReadOnlyDictionary<int, int> BatchSizeCounts);

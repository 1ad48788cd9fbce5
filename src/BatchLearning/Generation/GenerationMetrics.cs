namespace BatchLearning.Generation;

/// <summary>The serving metrics of one <see cref="GenerationRun"/> (one row of a comparison table).</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Clock">The clock's name: "real", "measured steps" or "modeled".</param>
/// <param name="Requests">Requests served.</param>
/// <param name="OutputTokens">Tokens generated.</param>
/// <param name="DurationSeconds">First arrival to last token.</param>
/// <param name="TokensPerSecond">Output tokens per second over the run.</param>
/// <param name="TimeToFirstTokenP50Ms">Median time from arrival to first token.</param>
/// <param name="TimeToFirstTokenP99Ms">99th percentile of the same.</param>
/// <param name="TimePerOutputTokenMs">Mean time between a request's tokens after the first.</param>
/// <param name="LatencyP50Ms">Median request latency (arrival to answer).</param>
/// <param name="LatencyP95Ms">95th percentile.</param>
/// <param name="LatencyP99Ms">99th percentile.</param>
/// <param name="Steps">Forward passes.</param>
/// <param name="MeanUsefulBatch">Mean sequences per step that produced a wanted token.</param>
/// <param name="SlotUtilisation">Useful sequence-seconds over slots x duration: 1 when every slot generates all the time.</param>
/// <param name="PaddingWaste">Share of computed token rows thrown away (finished sequences kept in a request-level batch).</param>
/// <param name="SchedulerShare">Share of step time spent in the scheduler's own work rather than the model (measured wall time).</param>
public sealed record GenerationMetrics(
    string Policy,
    string Clock,
    int Requests,
    int OutputTokens,
    double DurationSeconds,
    double TokensPerSecond,
    double TimeToFirstTokenP50Ms,
    double TimeToFirstTokenP99Ms,
    double TimePerOutputTokenMs,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    int Steps,
    double MeanUsefulBatch,
    double SlotUtilisation,
    double PaddingWaste,
    double SchedulerShare);

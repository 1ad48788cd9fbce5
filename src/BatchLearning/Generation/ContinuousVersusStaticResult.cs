namespace BatchLearning.Generation;

/// <summary>Static against continuous batching at the same p99 latency target (<see cref="GenerationBenchmark.ContinuousVersusStatic"/>).</summary>
/// <param name="CostCurve">The step-cost curve simulated (<see cref="StepCostModel.Label"/>): this machine's fit, or the illustrative GPU-like one.</param>
/// <param name="P99TargetMs">The latency target.</param>
/// <param name="Slots">Sequences per pass for both policies.</param>
/// <param name="StaticTokensPerSecond">Static batching's best throughput within the target (NaN if it never meets it).</param>
/// <param name="StaticP99Ms">Its p99 there.</param>
/// <param name="ContinuousTokensPerSecond">Continuous batching's best throughput within the target.</param>
/// <param name="ContinuousP99Ms">Its p99 there.</param>
/// <param name="Gain">Continuous over static throughput.</param>
/// <param name="SchedulerShareOfStep">The scheduler's measured share of step time in the measured run given (NaN without one).</param>
public sealed record ContinuousVersusStaticResult(
    string CostCurve, double P99TargetMs, int Slots, double StaticTokensPerSecond, double StaticP99Ms, double ContinuousTokensPerSecond, double ContinuousP99Ms, double Gain, double SchedulerShareOfStep);

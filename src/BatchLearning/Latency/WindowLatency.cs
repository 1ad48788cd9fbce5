namespace BatchLearning.Latency;

/// <summary>The wait of a periodic flush of one length, simulated and by formula, in seconds.</summary>
/// <param name="PeriodSeconds">The flush period T.</param>
/// <param name="SimulatedMeanSeconds">Mean wait in the simulation.</param>
/// <param name="FormulaMeanSeconds">T / 2.</param>
/// <param name="SimulatedP95Seconds">95th percentile in the simulation.</param>
/// <param name="FormulaP95Seconds">0.95 T.</param>
/// <param name="SimulatedP99Seconds">99th percentile in the simulation.</param>
/// <param name="FormulaP99Seconds">0.99 T.</param>
/// <param name="MeanBatchSize">Mean items per flush in the simulation (formula: lambda x T).</param>
public sealed record WindowLatency(
    double PeriodSeconds,
    double SimulatedMeanSeconds,
    double FormulaMeanSeconds,
    double SimulatedP95Seconds,
    double FormulaP95Seconds,
    double SimulatedP99Seconds,
    double FormulaP99Seconds,
    double MeanBatchSize);

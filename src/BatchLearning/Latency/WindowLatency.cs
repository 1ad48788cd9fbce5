namespace BatchLearning.Latency;

/// <summary>The wait of a periodic flush of one length, simulated and by formula, in seconds.</summary>
/// <param name="PeriodSeconds">The flush period T.</param>
/// <param name="SimulatedMean">Mean wait in the simulation.</param>
/// <param name="FormulaMean">T / 2.</param>
/// <param name="SimulatedP95">95th percentile in the simulation.</param>
/// <param name="FormulaP95">0.95 T.</param>
/// <param name="SimulatedP99">99th percentile in the simulation.</param>
/// <param name="FormulaP99">0.99 T.</param>
/// <param name="MeanBatchSize">Mean items per flush in the simulation (formula: lambda x T).</param>
public sealed record WindowLatency(
    double PeriodSeconds,
    double SimulatedMean,
    double FormulaMean,
    double SimulatedP95,
    double FormulaP95,
    double SimulatedP99,
    double FormulaP99,
    double MeanBatchSize);

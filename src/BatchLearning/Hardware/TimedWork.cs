namespace BatchLearning.Hardware;

/// <summary>One piece of work to time against the machine's ceiling.</summary>
/// <param name="Name">What it is, for example "batch 64".</param>
/// <param name="FlopsPerCall">Floating-point operations one call does (0 when unknown: then no GFLOP/s is reported).</param>
/// <param name="Run">One call of the work; whatever it allocates is freed after each call.</param>
public sealed record TimedWork(string Name, double FlopsPerCall, Action Run);

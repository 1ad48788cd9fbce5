namespace BatchLearning.Hardware;

/// <summary>What one piece of <see cref="TimedWork"/> measured, against the ceiling measured interleaved with it.</summary>
/// <param name="Name">The work's name.</param>
/// <param name="MillisecondsPerCall">The median over rounds of the mean time of one call in the round.</param>
/// <param name="GigaflopsPerSecond">Floating-point operations per call over that time, in 10^9 per second (NaN without a FLOP count).</param>
/// <param name="ShareOfCeiling">GigaflopsPerSecond over the ceiling's peak (NaN without a FLOP count).</param>
/// <param name="Calls">Timed calls over all rounds.</param>
/// <param name="Seconds">Timed seconds over all rounds.</param>
public sealed record TimedPoint(string Name, double MillisecondsPerCall, double GigaflopsPerSecond, double ShareOfCeiling, long Calls, double Seconds);

namespace BatchLearning.Timing;

/// <summary>
/// How busy the machine was during a <see cref="HeadToHead"/> comparison, read from a fixed reference task timed in the same rounds:
/// on a quiet machine it takes the same time every round; when another program takes the processor, some rounds take longer.
/// </summary>
/// <param name="ReferenceMilliseconds">The reference task's median round, in milliseconds.</param>
/// <param name="ReferenceSpread">Its slowest round over its fastest, minus 1 (0.04 means 4 % slower at worst); NaN when it could not be timed.</param>
/// <param name="Busy">Whether the spread exceeded <see cref="HeadToHeadOptions.BusyReferenceSpread"/>.</param>
public sealed record MachineContention(double ReferenceMilliseconds, double ReferenceSpread, bool Busy);

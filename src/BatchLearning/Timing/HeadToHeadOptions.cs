namespace BatchLearning.Timing;

/// <summary>How a <see cref="HeadToHead"/> comparison runs and when it calls a winner.</summary>
/// <remarks>
/// The rule for a verdict: the per-round ratios (first way's time over the second's) give a distribution-free interval for their median
/// (order statistics, at least 95 % coverage; it needs at least 6 rounds, so fewer are always too close to call); a way wins only when the whole interval
/// is on its side of 1, the median ratio is beyond <see cref="Margin"/>, and its own median round is the faster. Anything else is "too close to call on this run".
/// </remarks>
public sealed record HeadToHeadOptions
{
    /// <summary>Timed rounds, from 1 to 1,000; defaults to 15. Each round times both ways once, alternating which goes first. A verdict needs at least 6 (fewer cannot give a 95 % interval).</summary>
    public int Rounds { get; init; } = 15;

    /// <summary>Untimed rounds before the timed ones (first calls pay one-off costs), from 0 to 100; defaults to 1.</summary>
    public int WarmUpRounds { get; init; } = 1;

    /// <summary>
    /// libtorch threads during the comparison (restored afterwards), from 1 to 256, or null to leave the current setting; defaults to 1.
    /// One thread measures the work itself: with more, a thread that waits for a core another program holds stalls every parallel operation.
    /// </summary>
    public int? TorchThreads { get; init; } = 1;

    /// <summary>Timed seconds per way per round at least (calls repeat until reached; at least one call), from 0 to 10; defaults to 0 (one call).</summary>
    public double MinimumSecondsPerRound { get; init; }

    /// <summary>A median ratio closer to 1 than this share is too close to call whatever the interval, from 0 to 1; defaults to 0.05 (5 %).</summary>
    public double Margin { get; init; } = 0.05;

    /// <summary>
    /// The reference task timed in every round as a sign of contention (its rounds vary when another program takes the processor);
    /// null (the default) for a fixed managed computation of about a millisecond.
    /// </summary>
    public Action? Reference { get; init; }

    /// <summary>How much the reference task's slowest round may exceed its fastest before the machine counts as busy, from 0 to 10; defaults to 0.25 (25 %).</summary>
    public double BusyReferenceSpread { get; init; } = 0.25;
}

namespace BatchLearning.Timing;

/// <summary>Two ways timed in alternating rounds (<see cref="HeadToHead"/>): their medians, the per-round ratios and what they allow to say.</summary>
/// <param name="First">The first way's name.</param>
/// <param name="Second">The second way's name.</param>
/// <param name="FirstMilliseconds">The first way's median round, in milliseconds per unit.</param>
/// <param name="SecondMilliseconds">The second way's median round, in milliseconds per unit.</param>
/// <param name="Ratios">Per round, the first way's time over the second's (above 1: the second was faster in that round), in round order.</param>
/// <param name="RatioLow">The lower end of the interval for the median ratio (NaN with fewer than 6 rounds).</param>
/// <param name="RatioHigh">The upper end of that interval (NaN with fewer than 6 rounds).</param>
/// <param name="Verdict">Which way was faster, or too close to call on this run.</param>
/// <param name="Contention">How busy the machine was during the rounds.</param>
/// <param name="TorchThreads">libtorch threads during the rounds.</param>
public sealed record HeadToHeadResult(
    string First,
    string Second,
    double FirstMilliseconds,
    double SecondMilliseconds,
    IReadOnlyList<double> Ratios,
    double RatioLow,
    double RatioHigh,
    HeadToHeadVerdict Verdict,
    MachineContention Contention,
    int TorchThreads)
{
    /// <summary>Timed rounds.</summary>
    public int Rounds => Ratios.Count;

    /// <summary>The median per-round ratio, first over second: how many times longer the first way took (below 1: the first was faster).</summary>
    public double MedianRatio => HeadToHead.Median(Ratios);

    /// <summary>The way that won, or null when too close to call.</summary>
    public string? Faster => Verdict switch
    {
        HeadToHeadVerdict.FirstFaster => First,
        HeadToHeadVerdict.SecondFaster => Second,
        _ => null,
    };
}

using BatchLearning.Jobs;
using BatchLearning.Latency;

namespace BatchLearning.Workflow;

/// <summary>What a day through the five-minute job gave: every run, every classified email with its wait, and the dead letters.</summary>
/// <param name="Window">How often the job ran.</param>
/// <param name="Runs">Each run, in order.</param>
/// <param name="Results">Every classified email, with when it arrived and when its run committed it.</param>
/// <param name="DeadLetters">Lines the job could not read.</param>
public sealed record InboxDayResult(TimeSpan Window, IReadOnlyList<JobRunResult> Runs, IReadOnlyList<ClassifiedEmail> Results, IReadOnlyList<DeadLetter> DeadLetters)
{
    /// <summary>The mean wait from arrival to category; the formula says half the window.</summary>
    /// <exception cref="InvalidOperationException">The day classified no email (every line went to the dead letters): there is no wait to give, not a wait of 0.</exception>
    public TimeSpan MeanWait => TimeSpan.FromSeconds(Classified().Average(r => r.Latency.TotalSeconds));

    /// <summary>The wait that <paramref name="share"/> of the emails stayed under (nearest rank), <paramref name="share"/> in (0, 1].</summary>
    /// <exception cref="InvalidOperationException">The day classified no email.</exception>
    public TimeSpan WaitQuantile(double share) =>
        TimeSpan.FromSeconds(NearestRank.Quantile(Classified().Select(r => r.Latency.TotalSeconds).Order().ToArray(), share));

    private IReadOnlyList<ClassifiedEmail> Classified() => Results.Count > 0
        ? Results
        : throw new InvalidOperationException($"The day classified no email (its {DeadLetters.Count} lines all went to the dead letters), so it has no wait to measure.");

    /// <summary>The processing time of each run (what the machine was busy for).</summary>
    public IReadOnlyList<TimeSpan> ProcessingPerRun => Runs.Select(r => TimeSpan.FromSeconds(r.Seconds)).ToList();

    /// <summary>The most bins <see cref="WaitHistogram"/> draws: 10,000.</summary>
    public const int MostHistogramBins = 10_000;

    /// <summary>How many emails waited in each bin of <paramref name="binWidth"/>, from 0 to the window: the histogram of waits.</summary>
    /// <param name="binWidth">From the window / <see cref="MostHistogramBins"/> (at least 1 ms) to the window.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bin width is outside that range (a 1-tick bin over a 5-minute window would need 3 billion bins).</exception>
    public IReadOnlyList<(TimeSpan From, int Emails)> WaitHistogram(TimeSpan binWidth)
    {
        var narrowest = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Window.Ticks / MostHistogramBins));
        Guard.InRange(binWidth, narrowest, TimeSpan.FromTicks(Math.Max(Window.Ticks, narrowest.Ticks)));
        var bins = Math.Max(1, (int)Math.Ceiling(Window / binWidth));
        var counts = new int[bins];
        foreach (var result in Results)
        {
            counts[Math.Clamp((int)(result.Latency / binWidth), 0, bins - 1)]++;
        }

        return counts.Select((count, i) => (binWidth * i, count)).ToList();
    }
}

using BatchLearning.Latency;

namespace BatchLearning.Generation;

/// <summary>A trace served under one policy: every request and every step, and the metrics computed from them.</summary>
/// <param name="Policy">The batching policy.</param>
/// <param name="Clock">The clock it ran on.</param>
/// <param name="Requests">Each request's tokens and times, by id.</param>
/// <param name="Steps">Each forward pass.</param>
public sealed record GenerationRun(GenerationPolicy Policy, GenerationClock Clock, IReadOnlyList<GeneratedRequest> Requests, IReadOnlyList<GenerationStep> Steps)
{
    /// <summary>Seconds from the first arrival to the end of the last step.</summary>
    public double DurationSeconds => Steps[^1].StartSeconds + Steps[^1].Seconds - Requests.Min(r => r.ArrivalSeconds);

    /// <summary>The scheduler's share of step time: its measured seconds over all steps' seconds (meaningful on a measured clock).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The steps' seconds add up to 0 or are not finite: there is no share to give.</exception>
    public double SchedulerShare => Steps.Sum(s => s.SchedulerSeconds) / Guard.Above(Steps.Sum(s => s.Seconds), 0, double.MaxValue, "the steps' total Seconds");

    /// <summary>The run's metrics (latencies in milliseconds, nearest-rank percentiles).</summary>
    /// <exception cref="ArgumentException">The run has no step or no request.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Its duration or its steps' total time is 0 or not finite (a recorded run of all-zero durations has no throughput).</exception>
    public GenerationMetrics Metrics()
    {
        if (Steps.Count == 0 || Requests.Count == 0)
        {
            throw new ArgumentException($"A run needs at least one step and one request to have metrics; this one has {Steps.Count} steps and {Requests.Count} requests.", nameof(Steps));
        }

        var tokens = Requests.Sum(r => r.Tokens.Count);
        var duration = Guard.Above(DurationSeconds, 0, double.MaxValue, nameof(DurationSeconds));
        var computedRows = Steps.Sum(s => s.DecodeSequences + s.PrefillSequences);
        var usefulRows = Steps.Sum(s => s.UsefulSequences);
        var usefulSeconds = Steps.Sum(s => s.UsefulSequences * s.Seconds);
        var perToken = Requests.Select(r => r.TimePerOutputTokenSeconds).Where(double.IsFinite).ToList();
        return new GenerationMetrics(
            Policy.Name,
            Clock.Name,
            Requests.Count,
            tokens,
            Round(duration),
            Round(tokens / duration),
            Milliseconds(Requests.Select(r => r.TimeToFirstTokenSeconds), 0.50),
            Milliseconds(Requests.Select(r => r.TimeToFirstTokenSeconds), 0.99),
            perToken.Count > 0 ? Round(perToken.Average() * 1000) : double.NaN,
            Milliseconds(Requests.Select(r => r.LatencySeconds), 0.50),
            Milliseconds(Requests.Select(r => r.LatencySeconds), 0.95),
            Milliseconds(Requests.Select(r => r.LatencySeconds), 0.99),
            Steps.Count,
            Round((double)usefulRows / Steps.Count),
            Round(usefulSeconds / (Policy.Slots * duration)),
            Round(computedRows == 0 ? 0 : 1 - (double)usefulRows / computedRows),
            Round(SchedulerShare));
    }

    /// <summary>Preemptions over the run: running sequences whose state was dropped to fit the cache budget.</summary>
    public int Preemptions => Steps.Sum(s => s.PreemptedSequences);

    /// <summary>Tokens the model read again to resume preempted sequences.</summary>
    public int RecomputedTokens => Steps.Sum(s => s.RecomputedTokens);

    /// <summary>The most cache entries (tokens read) the running sequences held at once: the memory this run needed for sequence state.</summary>
    public int PeakCachedTokens => Steps.Max(s => s.CachedTokens);

    /// <summary>
    /// A cache budget of <paramref name="shareOfPeak"/> times this run's <see cref="PeakCachedTokens"/>, never below <paramref name="contextLength"/>,
    /// so that one sequence always fits (<see cref="GenerationPolicy.Continuous"/> refuses less). Notebook 07 and <see cref="GenerationBenchmark.CacheBudgets"/> size their budgets so.
    /// </summary>
    /// <param name="shareOfPeak">The share of the peak, above 0 and at most 1.</param>
    /// <param name="contextLength">The model's context length, from 1 to 1,000,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share or length outside its range.</exception>
    public int CacheBudget(double shareOfPeak, int contextLength)
    {
        Guard.Above(shareOfPeak, 0, 1);
        Guard.InRange(contextLength, 1, 1_000_000);
        return Math.Max(contextLength, (int)(shareOfPeak * PeakCachedTokens));
    }

    /// <summary>Tokens the model read over the run: prompt tokens (recomputed ones included) and one per decoded sequence per pass.</summary>
    public long TokensRead => Steps.Sum(s => (long)s.PromptTokens + s.DecodeSequences);

    /// <summary>Measured wall seconds of the recompute passes.</summary>
    public double RecomputeSeconds => Steps.Sum(s => s.RecomputeSeconds);

    /// <summary>
    /// Time between tokens (inter-token latency) at quantile <paramref name="quantile"/>, in milliseconds: every token a running sequence decodes
    /// waited one whole step, so each decoded token counts that step's duration (nearest rank). A step that reads a long prompt delays every running sequence's next token.
    /// </summary>
    /// <param name="quantile">From 0 to 1 (0.5 for the median, 0.99 for the p99).</param>
    /// <exception cref="ArgumentOutOfRangeException">The quantile is outside 0 to 1.</exception>
    /// <exception cref="ArgumentException">No step decoded a token (every answer was one token long).</exception>
    public double TimeBetweenTokensMs(double quantile)
    {
        Guard.InRange(quantile, 0, 1, nameof(quantile));
        var gaps = Steps.Where(s => s.UsefulDecodeSequences > 0).Select(s => (s.Seconds, s.UsefulDecodeSequences)).OrderBy(g => g.Seconds).ToList();
        var total = gaps.Sum(g => (long)g.UsefulDecodeSequences);
        if (total == 0)
        {
            throw new ArgumentException("No step decoded a token, so there is no time between tokens: every answer was one token long.", nameof(quantile));
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        foreach (var (seconds, count) in gaps)
        {
            rank -= count;
            if (rank <= 0)
            {
                return Round(seconds * 1000);
            }
        }

        return Round(gaps[^1].Seconds * 1000);
    }

    /// <summary>The share of slots generating useful tokens, step by step (padding and idle slots count as unused).</summary>
    public IReadOnlyList<double> SlotUtilisationByStep() => Steps.Select(s => (double)s.UsefulSequences / Policy.Slots).ToList();

    private static double Milliseconds(IEnumerable<double> seconds, double p) => Round(NearestRank.Quantile(seconds.Order().ToList(), p) * 1000);

    private static double Round(double value) => Math.Round(value, value is > -10 and < 10 ? 3 : 1);
}

using BatchLearning.Findings;
using BatchLearning.Timing;
using static System.FormattableString;

namespace BatchLearning.Serving;

/// <summary>
/// Notebook 04's statements about its max-delay sweep, each worded from the sweep's numbers: the capacity and the loads offered, what a longer
/// max delay did at one load, why the batches grew (or not) for the learner's prediction, and what to do in a workflow.
/// </summary>
public static class DelaySweepReport
{
    /// <summary>How far the throughput of a point fell short of (or ran past) the load offered: |throughput / offered - 1|.</summary>
    public static double ThroughputOff(DelayTradeOff point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Math.Abs(point.ThroughputPerSecond / point.OfferedPerSecond - 1);
    }

    /// <summary>The capacity measured one request at a time and the loads the sweep offers, as shares of it.</summary>
    /// <param name="capacityPerSecond">Requests a second one at a time, above 0.</param>
    /// <param name="loadShares">The loads as shares of the capacity, each above 0.</param>
    public static Finding Capacity(double capacityPerSecond, IReadOnlyList<double> loadShares)
    {
        ArgumentNullException.ThrowIfNull(loadShares);
        Guard.Above(capacityPerSecond, 0, 1e12);
        foreach (var share in loadShares)
        {
            Guard.Above(share, 0, 1000, nameof(loadShares));
        }

        var loads = string.Join(" and ", loadShares.Select(s => Invariant($"{s:P0} = {s * capacityPerSecond:N0}/s")));
        return Finding.Of("capacity one request at a time",
            Invariant($"Capacity one request at a time, on one libtorch thread: {capacityPerSecond:N0} requests/s. Offered loads: {loads}."),
            [("capacityPerSecond", capacityPerSecond), .. loadShares.Select((s, i) => ($"loadShare{i + 1}", s))]);
    }

    /// <summary>
    /// Why the batches grew or did not, for the check of the learner's prediction: the mean batch at no delay and at the longest delay of one load.
    /// </summary>
    public static string ExplainBatchGrowth(double share, DelayTradeOff atZero, DelayTradeOff atLongest)
    {
        ArgumentNullException.ThrowIfNull(atZero);
        ArgumentNullException.ThrowIfNull(atLongest);
        var measured = Invariant($"at {share:P0} of capacity batches held {atZero.MeanBatchSize:0.0} requests on average at max delay {atZero.MaxDelayMs:0.##} ms ") +
            Invariant($"and {atLongest.MeanBatchSize:0.0} at {atLongest.MaxDelayMs:0.##} ms");
        return atLongest.MeanBatchSize > atZero.MeanBatchSize
            ? measured + ": a batch that waits longer before it closes lets more of the requests arriving meanwhile join it."
            : measured + ": on this run the longer wait did not gather more requests (another program may have held the processor); " +
              "a batch that waits longer before it closes usually lets more of the requests arriving meanwhile join it.";
    }

    /// <summary>What a longer max delay did at one load: mean batch, p50 and p99 from the first point to the last, and how close throughput stayed to the load.</summary>
    /// <param name="share">The load as a share of capacity, above 0.</param>
    /// <param name="points">The sweep at that load, in order of max delay: at least two points.</param>
    public static Finding Describe(double share, IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Guard.Above(share, 0, 1000);
        Guard.InRange(points.Count, 2, 1000, nameof(points));
        var (first, last, worst) = (points[0], points[^1], points.Max(ThroughputOff));
        var rising = points.Zip(points.Skip(1)).All(p => p.Second.LatencyP50Ms >= p.First.LatencyP50Ms);
        var traded = last.MeanBatchSize > first.MeanBatchSize && last.LatencyP50Ms > first.LatencyP50Ms;
        var text = Invariant($"At {share:P0} of capacity ({first.OfferedPerSecond:N0} requests/s), from max delay {first.MaxDelayMs:0.##} ") +
            Invariant($"to {last.MaxDelayMs:0.##} ms the mean batch went from {first.MeanBatchSize:0.0} to {last.MeanBatchSize:0.0} ") +
            Invariant($"and p50 latency from {first.LatencyP50Ms:0.00} to {last.LatencyP50Ms:0.00} ms ({(rising ? "rising at every step" : "not at every step")}); ") +
            Invariant($"p99 from {first.LatencyP99Ms:0.0} to {last.LatencyP99Ms:0.0} ms; throughput stayed within {Percent.UpTo(worst, 0):0} % of the offered load. ") +
            (traded
                ? "Below capacity the model keeps up either way, so the waiting dominates: a longer max delay bought bigger batches with latency, not throughput."
                : "The expected trade-off (bigger batches, longer waits) did not show clearly here: another program may have held the processor during the test.");
        return Finding.Of("a longer max delay at one load", text,
            ("share", share), ("offeredPerSecond", first.OfferedPerSecond), ("firstMaxDelayMs", first.MaxDelayMs), ("lastMaxDelayMs", last.MaxDelayMs),
            ("firstMeanBatch", first.MeanBatchSize), ("lastMeanBatch", last.MeanBatchSize), ("firstP50Ms", first.LatencyP50Ms), ("lastP50Ms", last.LatencyP50Ms),
            ("firstP99Ms", first.LatencyP99Ms), ("lastP99Ms", last.LatencyP99Ms), ("worstThroughputOff", worst))
            with { Verdict = traded ? "traded latency for batches" : "no clear trade-off" };
    }

    /// <summary>What to do in a workflow, from the head-to-head of batch against one at a time and the sweep at the lowest load.</summary>
    /// <param name="batchOrOne">Batch 1 against a batch size, head to head (<c>BatchSizeComparison.Compare</c>).</param>
    /// <param name="share">The lowest load as a share of capacity, above 0.</param>
    /// <param name="low">The sweep at that load, in order of max delay: at least two points.</param>
    /// <param name="p99BudgetMs">The p99 budget the recipe used, above 0 ms.</param>
    public static Finding Advice(TimingFinding batchOrOne, double share, IReadOnlyList<DelayTradeOff> low, double p99BudgetMs)
    {
        ArgumentNullException.ThrowIfNull(batchOrOne);
        ArgumentNullException.ThrowIfNull(low);
        Guard.Above(share, 0, 1000);
        Guard.Above(p99BudgetMs, 0, 1e9);
        Guard.InRange(low.Count, 2, 1000, nameof(low));
        var (first, last, worst) = (low[0], low[^1], low.Max(ThroughputOff));
        var batched = batchOrOne.Verdict == HeadToHeadVerdict.SecondFaster;
        var text = string.Join("\n",
            batched
                ? $"• Scoring a day at once: batch ({batchOrOne.Result.Second}: {RatioWording.Of(batchOrOne.Result)}); for emails, text to numbers can eat the gain (notebook 00, step 3)."
                : "• Scoring a day at once: batches did not beat one at a time head to head here; measure when quieter.",
            Invariant($"• Answering emails as they arrive, below capacity: keep the max delay short. At {share:P0} of capacity, {last.MaxDelayMs:0.##} ms of max delay ") +
                Invariant($"moved p50 latency from {first.LatencyP50Ms:0.00} to {last.LatencyP50Ms:0.00} ms, while throughput stayed within {Percent.UpTo(worst, 0):0} % of the offered load."),
            Invariant($"• Choose the max delay by the recipe: start at 0, raise it only while the p99 stays within your budget ({p99BudgetMs:0.##} ms here) ") +
                "and the model cannot keep up without it; your run's verdicts are above.",
            "• The same knobs: Triton's max_queue_delay_microseconds and max batch size, Ray Serve's batch_wait_timeout_s.");
        return Finding.Of("what to do with inference", text,
            ("medianRatio", batchOrOne.Result.MedianRatio), ("lastMaxDelayMs", last.MaxDelayMs), ("firstP50Ms", first.LatencyP50Ms), ("lastP50Ms", last.LatencyP50Ms),
            ("worstThroughputOff", worst), ("p99BudgetMs", p99BudgetMs)) with { Verdict = batched ? "batch a day at once" : "measure when quieter" };
    }
}

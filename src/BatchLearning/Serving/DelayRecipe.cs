using static System.FormattableString;

namespace BatchLearning.Serving;

/// <summary>
/// Triton's recipe for a dynamic batcher's max delay, applied to a measured sweep: start at no delay; stop when the p99 is already over the budget or the
/// model keeps up; otherwise raise the delay, within the budget, to the one that served the most. Every branch is worded from the sweep's own numbers.
/// </summary>
public static class DelayRecipe
{
    /// <summary>The recipe's verdict for one load, in a sentence.</summary>
    /// <param name="shareOfCapacity">The offered load as a share of the one-at-a-time capacity (for the sentence), above 0.</param>
    /// <param name="sweep">The trade-off points in order of max delay, the first at no delay.</param>
    /// <param name="p99BudgetMs">The p99 latency budget, above 0 ms.</param>
    /// <param name="maxBatchSize">The batcher's largest batch, from 1.</param>
    /// <exception cref="ArgumentException">
    /// The sweep is empty, does not start at no delay, or has a point whose p99 is not a number from 0, or whose offered load or throughput is not above 0.
    /// </exception>
    public static string Advise(double shareOfCapacity, IReadOnlyList<DelayTradeOff> sweep, double p99BudgetMs, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        Guard.Above(shareOfCapacity, 0, 1000);
        Guard.Above(p99BudgetMs, 0, 1e9);
        Guard.InRange(maxBatchSize, 1, 1_000_000);
        Validate(sweep);
        var start = sweep[0];
        var within = sweep.Where(p => p.LatencyP99Ms <= p99BudgetMs).ToList();
        var kept = start.ThroughputPerSecond / start.OfferedPerSecond;
        var full = start.MeanBatchSize >= 0.9 * maxBatchSize ? " (already full: a delay cannot grow it)" : "";
        var head = Invariant($"The recipe at {shareOfCapacity:P0} of capacity: no delay gave p99 {start.LatencyP99Ms:0.00} ms, mean batch {start.MeanBatchSize:0.0}{full}");
        if (start.LatencyP99Ms > p99BudgetMs)
        {
            return head + Invariant($", over the {p99BudgetMs:0.##} ms budget already: stop.");
        }

        if (kept >= 0.9)
        {
            var longest = within.MaxBy(p => p.MaxDelayMs)!;
            var next = sweep.FirstOrDefault(p => p.MaxDelayMs > 0 && p.LatencyP99Ms > p99BudgetMs);
            var stop = head + Invariant($", within the {p99BudgetMs:0.##} ms budget, keeping up (within 10 %): stop at no delay.");
            return longest.MaxDelayMs > 0
                ? stop + Invariant($" The longest delay still within budget, {longest.MaxDelayMs:0.##} ms, would only make batches bigger (mean {longest.MeanBatchSize:0.0}).")
                : next is not null
                    ? stop + Invariant($" Every longer delay took the p99 over the budget ({next.MaxDelayMs:0.##} ms: p99 {next.LatencyP99Ms:0.00} ms).")
                    : stop;
        }

        var best = within.MaxBy(p => p.ThroughputPerSecond)!;
        var behind = head + Invariant($", within budget but behind the offered load ({kept:P0} of it)");
        return full.Length > 0 || best.MaxDelayMs == 0
            ? behind + ": a longer delay did not serve more within the budget; the model needs more capacity (a bigger batch size or another replica), not a longer wait."
            : behind + Invariant($": raise the delay; within budget, {best.MaxDelayMs:0.##} ms served the most ({best.ThroughputPerSecond:N0}/s).");
    }

    private static void Validate(IReadOnlyList<DelayTradeOff> sweep)
    {
        if (sweep.Count == 0 || sweep[0].MaxDelayMs != 0)
        {
            throw new ArgumentException("The sweep must start at max delay 0 (the recipe's starting point).", nameof(sweep));
        }

        if (sweep.Any(p => !(p.LatencyP99Ms >= 0 && double.IsFinite(p.LatencyP99Ms)) || !(p.OfferedPerSecond > 0) || !(p.ThroughputPerSecond > 0)))
        {
            throw new ArgumentException("Every point of the sweep needs a finite p99 from 0 ms and an offered load and a throughput above 0 a second (an open-loop test).", nameof(sweep));
        }
    }
}

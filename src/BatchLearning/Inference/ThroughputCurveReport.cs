using BatchLearning.Findings;
using BatchLearning.Timing;
using static System.FormattableString;

namespace BatchLearning.Inference;

/// <summary>
/// Notebook 01's statements about a model's throughput curve (a profile over doubling batch sizes), each worded from the run's numbers:
/// the model against the ceiling, what the last doublings bought, and what to do with batches in a workflow.
/// </summary>
public static class ThroughputCurveReport
{
    /// <summary>Each doubling's gain over the size before it, and its share of the highest throughput.</summary>
    public static IReadOnlyList<DoublingGain> Doublings(IReadOnlyList<InferenceProfile> profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var best = Highest(profile);
        return [.. profile.Skip(1).Zip(profile, (p, previous) => new DoublingGain(p.BatchSize, p.ItemsPerSecond, p.ItemsPerSecond / previous.ItemsPerSecond, p.ItemsPerSecond / best.ItemsPerSecond))];
    }

    /// <summary>The smallest batch size whose throughput is at least 80 % of the highest: the smallest batch near the top of the curve.</summary>
    public static InferenceProfile Enough(IReadOnlyList<InferenceProfile> profile)
    {
        var best = Highest(profile);
        return profile.First(p => p.ItemsPerSecond >= 0.8 * best.ItemsPerSecond);
    }

    /// <summary>
    /// The model against the ceiling: batch 1's and the best batch's shares of it, and whether batches of 2 to 8 each beat batch 1 (when not, why,
    /// for the libtorch <paramref name="torchThreads"/> the run used). The verdict: "small batches faster" or "some small batches slower".
    /// </summary>
    public static Finding DescribeAgainstCeiling(IReadOnlyList<InferenceProfile> profile, double ceilingGigaflopsPerSecond, int torchThreads)
    {
        Guard.Above(ceilingGigaflopsPerSecond, 0, 1e9);
        Guard.InRange(torchThreads, 1, 4096);
        var best = Highest(profile);
        var one = profile[0];
        var small = profile.Where(p => p.BatchSize is > 1 and <= 8).ToList();
        var slower = small.Where(p => p.ItemsPerSecond < one.ItemsPerSecond).ToList();
        var (oneShare, bestShare) = (one.GigaflopsPerSecond / ceilingGigaflopsPerSecond, best.GigaflopsPerSecond / ceilingGigaflopsPerSecond);
        var text = Invariant($"Ceiling: {ceilingGigaflopsPerSecond:0} GFLOP/s. Batch 1 reaches {one.GigaflopsPerSecond:0.0} GFLOP/s ({oneShare:P0} of it); ") +
            Invariant($"the best, batch {best.BatchSize}, reaches {best.GigaflopsPerSecond:0.0} GFLOP/s ({bestShare:P0}), ") +
            Invariant($"{RatioWording.Times(best.ItemsPerSecond / one.ItemsPerSecond)}x the throughput of batch 1. ") +
            (small.Count == 0
                ? "No batch of 2 to 8 was measured."
                : slower.Count == 0
                ? $"Batches of {Sizes(small)} each got through more items a second than batch 1: the per-call cost is shared at once."
                : $"Some batches of 2 to 8 ran slower than batch 1 here ({Sizes(slower)}): " +
                  (torchThreads > 1
                      ? Invariant($"libtorch splits all but the smallest calls over its {torchThreads} threads, and when another program holds a core, each split call waits for it.")
                      : "on one thread, another program held the processor while they were timed, or libtorch took a slower path for that shape."));
        return Finding.Of("the model against the ceiling", text,
            ("ceilingGigaflopsPerSecond", ceilingGigaflopsPerSecond), ("batchOneShare", oneShare), ("bestBatch", best.BatchSize), ("bestShare", bestShare),
            ("bestOverBatchOne", best.ItemsPerSecond / one.ItemsPerSecond), ("slowerSmallBatches", slower.Count))
            with { Verdict = slower.Count == 0 ? "small batches faster" : "some small batches slower" };
    }

    // "2, 4 and 8"
    private static string Sizes(IReadOnlyList<InferenceProfile> points) => points.Count == 1
        ? Invariant($"{points[0].BatchSize}")
        : string.Join(", ", points.SkipLast(1).Select(p => Invariant($"{p.BatchSize}"))) + Invariant($" and {points[^1].BatchSize}");

    /// <summary>Where throughput first reaches 80 % of the best, what one batch costs there, and what the last three doublings bought.</summary>
    public static Finding DescribeDoublings(IReadOnlyList<InferenceProfile> profile)
    {
        var (best, enough) = (Highest(profile), Enough(profile));
        var lastThree = Doublings(profile).TakeLast(3).ToList();
        var text = Invariant($"Throughput first reaches 80 % of the best at batch {enough.BatchSize}") + (enough.BatchSize == best.BatchSize
                ? Invariant($" (the best; one batch takes {best.BatchMilliseconds:0.00} ms). ")
                : Invariant($"; one batch of {enough.BatchSize} takes {enough.BatchMilliseconds:0.00} ms, one of {best.BatchSize} {best.BatchMilliseconds:0.00} ms. ")) +
            $"The last {(lastThree.Count == 1 ? "doubling" : Invariant($"{lastThree.Count} doublings"))} gained {string.Join(", ", lastThree.Select(g => Invariant($"{g.GainFromDoubling:0.00}x")))}" +
            (lastThree.All(g => g.GainFromDoubling < 1.5)
                ? lastThree.Any(g => g.GainFromDoubling < 1)
                    ? ": at the large sizes doubling bought little or nothing (some doublings were slower), and added latency."
                    : ": at the large sizes each doubling bought little, and mostly added latency."
                : ": your machine still gained from doubling at the large sizes.");
        return Finding.Of("what doubling the batch bought", text,
            [("enoughBatch", enough.BatchSize), ("bestBatch", best.BatchSize), .. lastThree.Select((g, i) => ($"gain{i + 1}OfLastThree", g.GainFromDoubling))]);
    }

    /// <summary>What to do with batches, from the curve and from the comparison of outputs computed one at a time and all at once.</summary>
    /// <param name="profile">The throughput curve, batch 1 first.</param>
    /// <param name="outputs">The outputs compared (<see cref="BatchInvariance.Compare"/>).</param>
    public static Finding Advice(IReadOnlyList<InferenceProfile> profile, Finding outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (!outputs.Numbers.ContainsKey("largestDifference") || !outputs.Numbers.ContainsKey("classesThatDiffer"))
        {
            throw new ArgumentException($"Give the comparison of outputs from BatchInvariance (its numbers largestDifference and classesThatDiffer); got the finding \"{outputs.Topic}\".", nameof(outputs));
        }

        var enough = Enough(profile);
        var one = profile[0];
        var gain = enough.ItemsPerSecond / one.ItemsPerSecond;
        var text = string.Join("\n",
            enough.BatchSize > 1
                ? Invariant($"• Score emails in batches, not one call each: a batch of {enough.BatchSize} got through {RatioWording.Times(gain)}x the items a second of single calls here.")
                : "• On this run single calls already came within 80 % of the best throughput: batching bought little here.",
            Invariant($"• Take the smallest batch near the top of the curve (batch {enough.BatchSize} here, {enough.BatchMilliseconds:0.00} ms a call): ") +
                "every email in a batch waits for the whole call, and past the top a bigger batch adds only waiting.",
            Invariant($"• Batching changes how fast, not what: batched outputs differed from single calls by at most {outputs.Numbers["largestDifference"]:G2} ") +
                Invariant($"(float rounding), and {outputs.Numbers["classesThatDiffer"]:0} predicted class(es) changed."),
            "• Requests that arrive one at a time need a dynamic batcher to form these batches: notebook 04.");
        return Finding.Of("what to do with batches", text, ("enoughBatch", enough.BatchSize), ("gainOverBatchOne", gain))
            with { Verdict = enough.BatchSize > 1 ? "batch" : "batching bought little" };
    }

    private static InferenceProfile Highest(IReadOnlyList<InferenceProfile> profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Guard.InRange(profile.Count, 2, 10_000, nameof(profile));
        return profile.MaxBy(p => p.ItemsPerSecond)!;
    }
}

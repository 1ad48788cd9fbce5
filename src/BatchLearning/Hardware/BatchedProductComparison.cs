using BatchLearning.Findings;
using BatchLearning.Timing;

namespace BatchLearning.Hardware;

/// <summary>The same many small matrix products, done one call at a time and in one batched call, timed interleaved (<see cref="HeadToHead"/>).</summary>
/// <param name="Count">How many products.</param>
/// <param name="Size">n, for n x n matrices.</param>
/// <param name="OneByOneMilliseconds">Median round's time for all products with one call each.</param>
/// <param name="BatchedMilliseconds">Median round's time for all products in one batched call.</param>
/// <param name="SpeedUp">The median of the per-round ratios of one-by-one time to batched time (the statistic the verdict and its interval use).</param>
/// <param name="MaxDifference">The largest absolute difference between the two results (they compute the same thing).</param>
/// <param name="Result">The judged comparison (per product): per-round ratios, their interval, the verdict.</param>
public sealed record BatchedProductComparison(
    int Count,
    int Size,
    double OneByOneMilliseconds,
    double BatchedMilliseconds,
    double SpeedUp,
    double MaxDifference,
    HeadToHeadResult Result)
{
    /// <summary>The comparison as the course states it, worded for its verdict; the course expects batching to win for products of 64 x 64 or smaller.</summary>
    public TimingFinding Finding
    {
        get
        {
            var small = Size <= 64;
            var reasons = new FindingReasons(
                FirstFaster: small
                    ? $"One call per product won on this run, though with {Size} x {Size} matrices the per-call cost is most of each product's time: that is noise, so run the cell again (see the reference task)."
                    : $"One call per product won on this run: with {Size} x {Size} matrices the per-call cost is a small share of each product, and this run measured the batched call slower; run it again if the reference task says the machine was busy.",
                SecondFaster: small
                    ? "The arithmetic was the same, so the time saved is the per-call cost (checking arguments, choosing a compute kernel, starting threads) paid once instead of once per product."
                    : $"The arithmetic was the same; with {Size} x {Size} matrices the time saved per product is more than a call's fixed cost, so the batched routine also used the processor better than separate calls did.",
                TooCloseToCall: $"The two ways were within 5 % of each other, or the rounds disagreed about which was faster, so this run cannot say: with {Size} x {Size} matrices the per-call cost may be too small a share of each product, or another program was busy (see the reference task).");
            var finding = TimingFinding.Of(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Count:N0} products of {Size} x {Size} matrices"), "product", Result, reasons);
            return Size <= 64 ? finding with { ExpectedVerdict = HeadToHeadVerdict.SecondFaster } : finding;
        }
    }

    /// <summary>
    /// Whether batching saved more on these products than on <paramref name="other"/>'s: "larger" or "smaller" when the two per-round ratio intervals
    /// do not overlap, null when they do (too close to call on this run) or either comparison has too few rounds for an interval.
    /// </summary>
    /// <param name="other">The comparison to set these against.</param>
    public string? SpeedUpAgainst(BatchedProductComparison other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Result.RatioLow > other.Result.RatioHigh ? "larger" : Result.RatioHigh < other.Result.RatioLow ? "smaller" : null;
    }

    /// <summary>The two speed-ups side by side with their intervals, and what the run says about them (<see cref="SpeedUpAgainst"/>), with the reason for that branch.</summary>
    /// <param name="other">The comparison to set these against (for example 32 x 32 products, against these 512 x 512 ones).</param>
    public string CompareSpeedUp(BatchedProductComparison other) => SpeedUpFinding(other).Text;

    /// <summary>
    /// <see cref="CompareSpeedUp"/> as a finding: both speed-ups and their intervals by name ("speedUp", "ratioLow", "ratioHigh", then the same for "other"),
    /// the verdict "smaller", "larger" or "too close to call".
    /// </summary>
    /// <param name="other">The comparison to set these against.</param>
    public Finding SpeedUpFinding(BatchedProductComparison other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static string Of(BatchedProductComparison c) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{RatioWording.Times(c.SpeedUp)}x with {c.Size} x {c.Size} matrices (95 % interval {RatioWording.Times(c.Result.RatioLow)} to {RatioWording.Times(c.Result.RatioHigh)})");
        var verdict = SpeedUpAgainst(other);
        var said = verdict switch
        {
            "smaller" => $"smaller with {Size} x {Size}: a big product's own arithmetic is a far larger part of its time than a small one's, so what one call for all of them saves divides that time by less.",
            "larger" => $"larger with {Size} x {Size} on this run: the batched routine used the processor better than {Count} separate calls, beyond the per-call cost it saved.",
            _ => "too close to call on this run (the intervals overlap), so it can say neither larger nor smaller.",
        };
        var busy = Result.Contention.Busy || other.Result.Contention.Busy
            ? " The machine was busy during some of these rounds (see the reference task in the findings): run the cells again before trusting the comparison."
            : "";
        return Findings.Finding.Of("batching's speed-up against another size", $"Batching's speed-up was {Of(this)} and {Of(other)}: {said}{busy}",
            ("size", Size), ("speedUp", SpeedUp), ("ratioLow", Result.RatioLow), ("ratioHigh", Result.RatioHigh),
            ("otherSize", other.Size), ("otherSpeedUp", other.SpeedUp), ("otherRatioLow", other.Result.RatioLow), ("otherRatioHigh", other.Result.RatioHigh))
            with { Verdict = verdict ?? "too close to call" };
    }

    /// <summary>Whether the two ways computed the same numbers: the largest difference between their results, worded for none and for rounding.</summary>
    public Finding DescribeDifference() => Findings.Finding.Of("one call each against one batched call, same arithmetic",
        MaxDifference == 0
            ? "The two results are identical: the same arithmetic."
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The largest difference between the two results is {MaxDifference:G2}: float rounding, the same arithmetic."),
        ("maxDifference", MaxDifference)) with { Verdict = MaxDifference == 0 ? "identical" : "rounding only" };
}

using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Hardware;

/// <summary>Notebook 01's roofline, placed and stated from its run: a dense layer's points on the measured roofline, and this machine's ridge point against a GPU's.</summary>
public static class RooflineReport
{
    // NVIDIA A100 Tensor Core GPU data sheet (40 GB SXM): 19.5 TFLOP/s float32, 312 TFLOP/s float16 on tensor cores, 1,555 GB/s memory bandwidth.
    private const double A100Float32Gigaflops = 19_500;
    private const double A100TensorGigaflops = 312_000;
    private const double A100Bandwidth = 1_555;

    /// <summary>A dense layer of <paramref name="inputs"/> x <paramref name="outputs"/> weights timed at each batch size, placed on <paramref name="roofline"/>.</summary>
    /// <param name="batchSizes">The batch sizes, in the order the layer was timed.</param>
    /// <param name="timed">The timed points (<see cref="CeilingBenchmark.Compare"/>), one per batch size.</param>
    /// <param name="roofline">The measured roofline.</param>
    /// <param name="inputs">d_in, at least 1.</param>
    /// <param name="outputs">d_out, at least 1.</param>
    public static IReadOnlyList<RooflinePoint> Place(IReadOnlyList<int> batchSizes, IReadOnlyList<TimedPoint> timed, Roofline roofline, int inputs, int outputs)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentNullException.ThrowIfNull(timed);
        ArgumentNullException.ThrowIfNull(roofline);
        if (batchSizes.Count != timed.Count || batchSizes.Count == 0)
        {
            throw new ArgumentException(Invariant($"Give one timed point per batch size: {batchSizes.Count} batch sizes, {timed.Count} points."), nameof(timed));
        }

        return [.. batchSizes.Zip(timed, (b, p) =>
        {
            var intensity = Roofline.DenseLayerIntensity(inputs, outputs, b);
            var roof = roofline.Attainable(intensity);
            return new RooflinePoint(b, intensity, p.GigaflopsPerSecond, roof, p.GigaflopsPerSecond / roof);
        })];
    }

    /// <summary>The roofline's two ceilings, and how its peak compares with another peak sampled on the same machine (the small model's).</summary>
    public static Finding DescribeCeilings(Roofline roofline, double otherPeakGigaflopsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(roofline);
        Guard.Above(otherPeakGigaflopsPerSecond, 0, 1e9);
        var share = roofline.PeakGigaflopsPerSecond / otherPeakGigaflopsPerSecond;
        return Finding.Of("the roofline's ceilings", Invariant($"{roofline} (read bandwidth; the peak sampled here is {share:P0} of the one sampled with the small model)."),
            ("peakGigaflopsPerSecond", roofline.PeakGigaflopsPerSecond), ("bandwidthGigabytesPerSecond", roofline.BandwidthGigabytesPerSecond),
            ("ridgePoint", roofline.RidgePoint), ("shareOfOtherPeak", share));
    }

    /// <summary>
    /// The layer's points against their roofs: batch 1, the closest to its roof (and whether any lies more than 5 % above it), and where the layer first
    /// reached 80 % of its best speed against the ridge point. The verdict: "under its roof" or "above its roof".
    /// </summary>
    public static Finding DescribePoints(IReadOnlyList<RooflinePoint> points, Roofline roofline)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(roofline);
        Guard.InRange(points.Count, 1, 10_000, nameof(points));
        var (closest, atBatchOne, best) = (points.MaxBy(p => p.ShareOfRoof)!, points[0], points.MaxBy(p => p.AchievedGigaflopsPerSecond)!);
        var levelled = points.First(p => p.AchievedGigaflopsPerSecond >= 0.8 * best.AchievedGigaflopsPerSecond);
        var under = closest.ShareOfRoof <= 1.05;
        var text = Invariant($"Batch {atBatchOne.BatchSize}: {atBatchOne.FlopsPerByte:0.00} FLOP/byte, {atBatchOne.AchievedGigaflopsPerSecond:0.0} GFLOP/s of the ") +
            Invariant($"{atBatchOne.RoofGigaflopsPerSecond:0.0} the roofline allows ({atBatchOne.ShareOfRoof:P0}). ") +
            Invariant($"Closest to the roof: batch {closest.BatchSize}, {closest.AchievedGigaflopsPerSecond:0.0} of {closest.RoofGigaflopsPerSecond:0.0} GFLOP/s ({closest.ShareOfRoof:P0}). ") +
            (under
                ? "Every point lies under its roof (within 5 %), as the model says it must. "
                : Invariant($"Batch {closest.BatchSize} lies {closest.ShareOfRoof - 1:P0} above its roof: the measured roofs are estimates, ") +
                  "and the layer found a faster path than the samples (for example weights still in cache). ") +
            Invariant($"The layer first reached 80 % of its best speed at batch {levelled.BatchSize} ({levelled.FlopsPerByte:0.#} FLOP/byte); ") +
            Invariant($"the ridge point is at {roofline.RidgePoint:0.#} FLOP/byte") +
            (levelled.FlopsPerByte > 2 * roofline.RidgePoint ? ": it reached 80 % of its best only well past the ridge point." : ".");
        return Finding.Of("a dense layer on its roofline", text,
            ("batchOneFlopsPerByte", atBatchOne.FlopsPerByte), ("batchOneShareOfRoof", atBatchOne.ShareOfRoof), ("closestBatch", closest.BatchSize),
            ("closestShareOfRoof", closest.ShareOfRoof), ("levelledBatch", levelled.BatchSize), ("ridgePoint", roofline.RidgePoint))
            with { Verdict = under ? "under its roof" : "above its roof" };
    }

    /// <summary>This machine's ridge point against an A100's (data sheet), and the batch a dense layer needs to reach each.</summary>
    public static Finding CompareWithA100(Roofline roofline)
    {
        ArgumentNullException.ThrowIfNull(roofline);
        var (float32, tensor) = (A100Float32Gigaflops / A100Bandwidth, A100TensorGigaflops / A100Bandwidth);
        var text = Invariant($"Your ridge point: {roofline.RidgePoint:0.#} FLOP/byte. An A100's: {float32:0.#} FLOP/byte in float32, {tensor:0} with float16 tensor cores. ") +
            "A dense layer reaches intensity r at a batch of about 2r in float32 and about r in float16, " +
            Invariant($"so the A100's tensor cores need batches of about {tensor:0} before the weights stop being the bottleneck") +
            (roofline.RidgePoint < tensor ? Invariant($", against about {2 * roofline.RidgePoint:0} in float32 on this machine.") : ".");
        return Finding.Of("ridge points, this machine against an A100", text,
            ("ridgePoint", roofline.RidgePoint), ("a100Float32RidgePoint", float32), ("a100TensorRidgePoint", tensor));
    }

    /// <summary>Why batch 1 is memory-bound or compute-bound, for the check of the learner's answer: its intensity against the ridge point.</summary>
    public static string ExplainBatchOne(RooflinePoint atOne, Roofline roofline)
    {
        ArgumentNullException.ThrowIfNull(atOne);
        ArgumentNullException.ThrowIfNull(roofline);
        var measured = Invariant($"at batch {atOne.BatchSize} the layer does {atOne.FlopsPerByte:0.00} FLOP/byte against a ridge point of {roofline.RidgePoint:0.0} FLOP/byte (peak over bandwidth)");
        return atOne.FlopsPerByte < roofline.RidgePoint
            ? measured + ": left of it, the roof is the bandwidth line, so reading the weights, not the arithmetic, sets the speed."
            : measured + ": right of it, the roof is the compute ceiling, so the arithmetic, not reading the weights, sets the speed (this machine's bandwidth is high for its peak).";
    }
}

using BatchLearning.Findings;
using BatchLearning.Training;
using static System.FormattableString;

namespace BatchLearning.Memory;

/// <summary>
/// Notebook 02's statements about the memory of a training step, each worded from the run's numbers: the fitted line against a count of the
/// model's tensors, the largest batch within a budget, and what accumulating gradients in pieces saved.
/// </summary>
public static class TrainingMemoryReport
{
    private const double MiB = 1024 * 1024;

    /// <summary>
    /// The fit M(B) = fixed + B x per-sample against a count: <paramref name="parameters"/> x 12 bytes of weights, gradients and momentum, and the floats the
    /// forward pass keeps per sample (<paramref name="storedBytesPerSample"/>). The per-sample slope should lie between that and twice that (gradients of the same
    /// shapes exist beside them in the backward pass). The verdict: "slope in range" or "slope out of range".
    /// </summary>
    /// <param name="fit">The fit of the measured peaks.</param>
    /// <param name="parameters">The model's parameter count, at least 1.</param>
    /// <param name="storedBytesPerSample">Bytes the forward pass keeps per sample for the backward pass, above 0.</param>
    public static Finding DescribeFit(MemoryFit fit, long parameters, double storedBytesPerSample)
    {
        ArgumentNullException.ThrowIfNull(fit);
        Guard.InRange(parameters, 1, long.MaxValue / 16);
        Guard.Above(storedBytesPerSample, 0, 1e12);
        var (slopeKiB, storedKiB) = (fit.BytesPerSample / 1024, storedBytesPerSample / 1024);
        var inRange = slopeKiB >= storedKiB && slopeKiB <= 2 * storedKiB;
        var text = Invariant($"Fit: {fit.FixedBytes / MiB:0.0} MiB fixed and {slopeKiB:0.0} KiB per sample (R² = {fit.RSquared:0.000}). ") +
            Invariant($"By counting: {parameters:N0} parameters x 12 bytes = {parameters * 12 / MiB:0.0} MiB of weights, gradients and momentum ") +
            Invariant($"(the rest of the fixed part is libtorch's workspace); the forward pass keeps {storedKiB:0.0} KiB per sample, ") +
            "and during the backward pass gradients of the same shapes exist beside them, " +
            Invariant($"so the per-sample peak should lie between {storedKiB:0.0} and {2 * storedKiB:0.0} KiB: ") +
            (inRange ? "the measured slope does."
                : "the measured slope does not; the allocator or other threads may have held memory during the measurement.");
        return Finding.Of("the memory line against a count", text,
            ("fixedBytes", fit.FixedBytes), ("bytesPerSample", fit.BytesPerSample), ("rSquared", fit.RSquared),
            ("parameters", parameters), ("storedBytesPerSample", storedBytesPerSample))
            with { Verdict = inRange ? "slope in range" : "slope out of range" };
    }

    /// <summary>
    /// The largest batch the finder fitted within <paramref name="budgetBytes"/>, against the fitted line's prediction (capped at
    /// <paramref name="largestUsefulBatch"/>, the data set's size) and against the table's own measurements: a size the finder kept that the table measured
    /// over the budget is named. The verdict: "table agrees" or "table over the budget".
    /// </summary>
    public static Finding DescribeSearch(BatchSizeSearch search, MemoryFit fit, IReadOnlyList<MemoryMeasurement> table, long budgetBytes, int largestUsefulBatch)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(table);
        Guard.InRange(budgetBytes, 1, long.MaxValue);
        Guard.InRange(largestUsefulBatch, 1, int.MaxValue);
        var over = table.Where(m => m.BatchSize <= search.LargestBatchSize && m.PeakBytes > budgetBytes).ToList();
        var predicted = fit.BytesPerSample > 0 && double.IsFinite(fit.BytesPerSample) && double.IsFinite(fit.FixedBytes)
            ? Math.Min(fit.LargestBatchWithin(budgetBytes), largestUsefulBatch) : (double?)null;
        var text = Invariant($"Largest batch within {budgetBytes / MiB:0.#} MiB: {search.LargestBatchSize} after {search.Trials.Count} trials; ") +
            (predicted is { } p ? Invariant($"the fitted line predicts {p:0}.")
                : "the fitted line cannot say (its slope is not above 0: the measurements did not show memory growing with the batch).") +
            (over.Count == 0 ? ""
                : Invariant($" The table above measured {string.Join(" and ", over.Select(m => Invariant($"batch {m.BatchSize} at {m.PeakMegabytes:0.00} MiB")))}, ") +
                  "over the budget: the finder's trials are single measurements too, and near the budget their noise decides.");
        return Finding.Of("the largest batch within a memory budget", text,
            ("budgetBytes", budgetBytes), ("largestBatch", search.LargestBatchSize), ("trials", search.Trials.Count),
            ("predictedBatch", predicted ?? double.NaN), ("overBudgetInTable", over.Count))
            with { Verdict = over.Count == 0 ? "table agrees" : "table over the budget" };
    }

    /// <summary>
    /// Accumulating gradients: the largest difference in batch loss between a run of whole batches and one of pieces, then one step's peak memory at the
    /// whole batch and at one piece, each above the fit's fixed part. The verdict: "memory followed the piece" when the totals differ by at least half the
    /// whole batch's part above the fixed part, "fixed part dominates" otherwise.
    /// </summary>
    /// <param name="whole">The run with whole batches.</param>
    /// <param name="pieces">The same run with each batch in pieces.</param>
    /// <param name="peakWhole">One step's peak at the whole batch.</param>
    /// <param name="peakPiece">One step's peak at one piece.</param>
    /// <param name="fit">The fit whose fixed part and slope the peaks are read against.</param>
    public static Finding DescribeAccumulation(TrainingRun whole, TrainingRun pieces, MemoryMeasurement peakWhole, MemoryMeasurement peakPiece, MemoryFit fit)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(peakWhole);
        ArgumentNullException.ThrowIfNull(peakPiece);
        ArgumentNullException.ThrowIfNull(fit);
        if (whole.Updates.Count == 0 || whole.Updates.Count != pieces.Updates.Count)
        {
            throw Guard.OutOfRange(nameof(pieces), pieces.Updates.Count, Invariant($"runs with the same number of updates, at least 1 ({whole.Updates.Count} in {nameof(whole)})"));
        }

        var gap = whole.Updates.Zip(pieces.Updates).Max(p => Math.Abs(p.First.Loss - p.Second.Loss));
        var fixedMiB = fit.FixedBytes / MiB;
        var (wholeAbove, pieceAbove) = (peakWhole.PeakMegabytes - fixedMiB, peakPiece.PeakMegabytes - fixedMiB);
        var followed = peakWhole.PeakMegabytes - peakPiece.PeakMegabytes >= 0.5 * wholeAbove;
        var text = Invariant($"{whole.Updates.Count} updates each; the largest difference in batch loss between the two runs is {gap:G2} (float rounding). ") +
            Invariant($"One step of the wide model at batch {peakWhole.BatchSize} peaks at {peakWhole.PeakMegabytes:0.0} MiB, a piece of {peakPiece.BatchSize} at {peakPiece.PeakMegabytes:0.0} MiB; ") +
            Invariant($"above the fitted fixed part ({fixedMiB:0.0} MiB): ") +
            (wholeAbove > 0 ? Invariant($"{wholeAbove:0.0} MiB for {peakWhole.BatchSize} at once") : Invariant($"nothing measurable for {peakWhole.BatchSize} at once")) + " and " +
            (pieceAbove > 0 ? Invariant($"{pieceAbove:0.0} MiB for a piece of {peakPiece.BatchSize}")
                : Invariant($"nothing measurable for a piece of {peakPiece.BatchSize}, which peaked below the fit's fixed part")) +
            Invariant($" (the fit predicts {peakWhole.BatchSize * fit.BytesPerSample / MiB:0.0} and {peakPiece.BatchSize * fit.BytesPerSample / MiB:0.0}). ") +
            (followed ? "Pieces saved most of the batch-dependent part: memory followed the piece, not the batch."
                : "The totals differ less than that: at this size the fixed part (weights, gradients, workspace) dominates.");
        return Finding.Of("accumulating gradients in pieces", text,
            ("updates", whole.Updates.Count), ("largestLossDifference", gap), ("wholePeakMiB", peakWhole.PeakMegabytes), ("piecePeakMiB", peakPiece.PeakMegabytes),
            ("fixedMiB", fixedMiB), ("wholeAboveFixedMiB", Math.Max(0, wholeAbove)), ("pieceAboveFixedMiB", Math.Max(0, pieceAbove)))
            with { Verdict = followed ? "memory followed the piece" : "fixed part dominates" };
    }
}

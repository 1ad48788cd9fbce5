using BatchLearning.Findings;
using BatchLearning.Gradients;
using static System.FormattableString;

namespace BatchLearning.Experiments;

/// <summary>
/// Notebook 03's statements about batch size and generalisation, each worded from the run's numbers: fixed epochs against equal updates, the
/// learning-rate sweep, the noise scale, and small against large batches seed by seed. The closing lists are <see cref="GeneralisationSummary"/>'s.
/// </summary>
public static class GeneralisationReport
{
    /// <summary>
    /// The largest batch against the smallest after fixed epochs and after equal updates, and what equal updates cost in samples. The verdict:
    /// "no penalty" (the larger batch did not end higher after fixed epochs), "updates closed most of it" (equal updates left less than half the
    /// difference), or "the gap stayed".
    /// </summary>
    /// <param name="rows">One row per batch size, smallest first (<see cref="BudgetRow.Of"/>), at least two.</param>
    /// <param name="fixedEpochs">The epochs of the fixed-epoch runs, as the sentence names them.</param>
    public static Finding EpochsAgainstUpdates(IReadOnlyList<BudgetRow> rows, int fixedEpochs)
    {
        var (small, large) = Ends(rows);
        Guard.InRange(fixedEpochs, 1, 100_000);
        var (penalty, left) = (Penalty(rows), large.TestLossEqualUpdates - small.TestLossEqualUpdates);
        var verdict = BudgetVerdict(rows);
        var samples = (double)small.UpdatesFixedEpochs / large.UpdatesFixedEpochs;
        var text = Invariant($"With {fixedEpochs} epochs, batch {large.BatchSize} ends {penalty:+0.000;-0.000} in test loss against batch {small.BatchSize} ") +
            Invariant($"({large.UpdatesFixedEpochs:N0} updates against {small.UpdatesFixedEpochs:N0}). With {small.UpdatesEqualBudget:N0} updates each, the difference is {left:+0.000;-0.000}: ") +
            verdict switch
            {
                "no penalty" => "the larger batch did not do worse after equal epochs, so there was no penalty for equal updates to close.",
                "updates closed most of it" => (Math.Abs(left) <= 0.05 * penalty ? "almost all" : "most") + " of the fixed-epoch penalty was the missing updates, as Hoffer et al. report.",
                _ => "equal updates did not close most of the gap in this run.",
            } +
            Invariant($" Equal updates are not free: they cost batch {large.BatchSize} {samples:0.#}x the samples (and epochs) of batch {small.BatchSize}.");
        return Finding.Of("fixed epochs against equal updates", text,
            ("penalty", penalty), ("differenceAfterEqualUpdates", left), ("smallUpdates", small.UpdatesFixedEpochs), ("largeUpdates", large.UpdatesFixedEpochs),
            ("equalUpdates", small.UpdatesEqualBudget), ("samplesRatio", samples))
            with { Verdict = verdict };
    }

    /// <summary>Whether the largest batch ended "higher" or "lower" in test loss than the smallest after the fixed epochs: the answer to notebook 03's question.</summary>
    public static string PenaltyDirection(IReadOnlyList<BudgetRow> rows) => Penalty(rows) > 0 ? "higher" : "lower";

    /// <summary>The explanation the check of notebook 03's question shows, worded for the direction the run measured.</summary>
    public static string ExplainPenalty(IReadOnlyList<BudgetRow> rows, int fixedEpochs)
    {
        var (small, large) = Ends(rows);
        var penalty = Penalty(rows);
        return Invariant($"after {fixedEpochs} epochs batch {large.BatchSize} ended {penalty:+0.000;-0.000} in test loss against batch {small.BatchSize}. ") +
            Invariant($"It made {large.UpdatesFixedEpochs:N0} updates against {small.UpdatesFixedEpochs:N0}: ") + (penalty > 0
                ? "each epoch buys a large batch far fewer steps."
                : "each epoch bought it far fewer steps, and on this run they were enough.");
    }

    /// <summary>
    /// How many runs of a learning-rate sweep diverged (a blank cell in its heat map) and how many were unstable by <paramref name="unstable"/>.
    /// The verdict: "none diverged" or "some diverged".
    /// </summary>
    public static Finding SweepStability(GridResults sweep, Func<GridRun, bool> unstable)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(unstable);
        var (diverged, unstableRuns) = (sweep.Runs.Count(r => r.Diverged), sweep.Runs.Count(unstable));
        var text = Invariant($"{diverged} of {sweep.Runs.Count} sweep runs diverged") + (diverged > 0 ? " (blank cells)" : " (no blank cells)") +
            Invariant($"; {unstableRuns} were unstable by the rule above.");
        return Finding.Of("the learning-rate sweep", text, ("runs", sweep.Runs.Count), ("diverged", diverged), ("unstable", unstableRuns))
            with { Verdict = diverged > 0 ? "some diverged" : "none diverged" };
    }

    /// <summary>
    /// The simple noise scale from the first to the last point over training, and its peak when it did not rise steadily. The verdict:
    /// "did not grow", "grew steadily" or "grew unsteadily".
    /// </summary>
    /// <param name="points">The estimates over training, one per full window (<see cref="NoiseScaleEstimate.OverTraining"/>), at least one.</param>
    public static Finding NoiseOverTraining(IReadOnlyList<NoiseScaleEstimate> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Guard.InRange(points.Count, 1, 1_000_000, nameof(points) + ".Count");
        var (early, late) = (points[0], points[^1]);
        var peak = points.MaxBy(p => p.SimpleNoiseScale)!;
        var steady = points.Zip(points.Skip(1)).All(p => p.Second.SimpleNoiseScale >= p.First.SimpleNoiseScale);
        var verdict = !(late.SimpleNoiseScale > early.SimpleNoiseScale) ? "did not grow" : steady ? "grew steadily" : "grew unsteadily";
        var text = Invariant($"B_simple was {early.SimpleNoiseScale:0} around update {early.Update} and {late.SimpleNoiseScale:0} around update {late.Update}: ") + verdict switch
        {
            "did not grow" => points.Count == 1 ? "one window only, so nothing to compare." : "it did not grow in this run.",
            "grew steadily" => "it grew at every logged point as the loss fell, as McCandlish et al. report.",
            _ => Invariant($"it ended higher than it began, as McCandlish et al. report, but not steadily: it peaked at {peak.SimpleNoiseScale:0} around update {peak.Update}."),
        };
        return Finding.Of("the noise scale over training", text,
            ("early", early.SimpleNoiseScale), ("earlyUpdate", early.Update), ("late", late.SimpleNoiseScale), ("lateUpdate", late.Update),
            ("peak", peak.SimpleNoiseScale), ("samplesPerPoint", early.Samples))
            with { Verdict = verdict };
    }

    /// <summary>
    /// The fitted B_noise of the steps-to-target curve against B_simple averaged over the logged run. The verdict: "within 10x" (as McCandlish et al.
    /// find them of the same order) or "far apart" (or no positive fit).
    /// </summary>
    public static Finding NoiseAgainstFit(StepsTradeOff fit, NoiseScaleEstimate logged, int sizesReached, int sizesTried)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(logged);
        Guard.InRange(sizesTried, 1, 10_000);
        Guard.InRange(sizesReached, 0, sizesTried);
        var within = fit.NoiseScale > 0 && logged.SimpleNoiseScale / fit.NoiseScale is > 0.1 and < 10;
        var text = Invariant($"Fitted B_noise = {fit.NoiseScale:0} (S_min = {fit.MinimumSteps:0} updates); B_simple averaged over the logged run = {logged.SimpleNoiseScale:0}. ") +
            Invariant($"{sizesReached} of {sizesTried} batch sizes reached the target. McCandlish et al. find B_simple of the same order as the critical batch size; here the two are ") +
            (within ? "within a factor of 10 of each other." : "more than a factor of 10 apart: with few learning rates tried and one seed, this fit is rough.");
        return Finding.Of("B_noise against B_simple", text,
            ("fittedNoiseScale", fit.NoiseScale), ("minimumSteps", fit.MinimumSteps), ("simpleNoiseScale", logged.SimpleNoiseScale), ("sizesReached", sizesReached))
            with { Verdict = within ? "within 10x" : "far apart" };
    }

    /// <summary>
    /// Small against large batch, one line per quantity: each size's interval over the seeds and the interval on the seed-by-seed difference (large
    /// minus small), with its verdict. The finding's verdict is the first quantity's: "larger for the large batch", "smaller for the large batch" or
    /// "cannot tell apart".
    /// </summary>
    public static Finding SmallAgainstLarge(int smallBatch, int largeBatch, IReadOnlyList<PairedDifference> quantities)
    {
        Guard.InRange(smallBatch, 1, int.MaxValue);
        Guard.InRange(largeBatch, smallBatch + 1, int.MaxValue);
        ArgumentNullException.ThrowIfNull(quantities);
        Guard.InRange(quantities.Count, 1, 100, nameof(quantities) + ".Count");
        var lines = quantities.Select((q, i) => Invariant($"{q.Quantity}: batch {smallBatch} {q.Small}, batch {largeBatch} {q.Large}; difference ") +
            (i == 0 ? Invariant($"({largeBatch} - {smallBatch}, seed by seed) ") : "") + Invariant($"{q.Difference}: ") + VerdictText(q.Difference, largeBatch));
        var first = quantities[0].Difference;
        return Finding.Of("small against large batch, seed by seed", string.Join("\n", lines),
            [.. quantities.SelectMany(q => new[] { (Name(q, "DifferenceMean"), q.Difference.Mean), (Name(q, "DifferenceHalfWidth"), q.Difference.HalfWidth) })])
            with { Verdict = Verdict(first) };
    }

    /// <summary>"larger for the large batch", "smaller for the large batch" or "cannot tell apart", from an interval on a difference (large minus small).</summary>
    public static string Verdict(ConfidenceInterval difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.Lower > 0 ? "larger for the large batch" : difference.Upper < 0 ? "smaller for the large batch" : "cannot tell apart";
    }

    /// <summary>The verdict on a difference as the notebook words it: "larger for batch 512 (the interval excludes 0)." and so on.</summary>
    public static string VerdictText(ConfidenceInterval difference, int largeBatch) => Verdict(difference) switch
    {
        "larger for the large batch" => Invariant($"larger for batch {largeBatch} (the interval excludes 0)."),
        "smaller for the large batch" => Invariant($"smaller for batch {largeBatch} (the interval excludes 0)."),
        _ => "the interval includes 0: this run cannot tell the two apart.",
    };

    internal static double Penalty(IReadOnlyList<BudgetRow> rows)
    {
        var (small, large) = Ends(rows);
        return large.TestLossFixedEpochs - small.TestLossFixedEpochs;
    }

    internal static string BudgetVerdict(IReadOnlyList<BudgetRow> rows)
    {
        var (small, large) = Ends(rows);
        var (penalty, left) = (Penalty(rows), large.TestLossEqualUpdates - small.TestLossEqualUpdates);
        return !(penalty > 0) ? "no penalty" : Math.Abs(left) < penalty / 2 ? "updates closed most of it" : "the gap stayed";
    }

    internal static (BudgetRow Small, BudgetRow Large) Ends(IReadOnlyList<BudgetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Guard.InRange(rows.Count, 2, 10_000, nameof(rows) + ".Count");
        return (rows[0], rows[^1]);
    }

    // "gapDifferenceMean" for the quantity "Gap", "testAccuracyDifferenceMean" for "Test accuracy".
    private static string Name(PairedDifference q, string what) => string.Concat(q.Quantity.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select((word, i) => (i == 0 ? char.ToLowerInvariant(word[0]) : char.ToUpperInvariant(word[0])) + word[1..])) + what;
}

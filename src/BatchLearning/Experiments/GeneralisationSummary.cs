using BatchLearning.Findings;
using BatchLearning.Gradients;
using BatchLearning.Training;
using static System.FormattableString;

namespace BatchLearning.Experiments;

/// <summary>
/// Everything notebook 03 measured, for its two closing lists: what the run found (<see cref="Conclusions"/>) and what to do (<see cref="Advice"/>),
/// each bullet worded from these numbers.
/// </summary>
/// <param name="Budgets">Fixed epochs against equal updates, one row per batch size (<see cref="BudgetRow.Of"/>).</param>
/// <param name="FixedEpochs">The epochs of the fixed-epoch runs.</param>
/// <param name="Scaling">The runs under each learning-rate rule, the same batch sizes each, smallest first.</param>
/// <param name="Stable">The learning-rate sweep's stable rates per batch size (<see cref="StableRate.Of"/>).</param>
/// <param name="TradeOff">The fitted steps-to-target curve.</param>
/// <param name="Reached">Each batch size that reached the target, with its fewest updates, smallest first.</param>
/// <param name="NoiseOverTraining">The simple noise scale over the logged run, one point per full window.</param>
/// <param name="Noise">The simple noise scale averaged over the logged run.</param>
/// <param name="Gap">The train/test accuracy gap at a small and a large batch, paired by seed.</param>
/// <param name="GapBatches">The small and the large batch size of <paramref name="Gap"/>.</param>
/// <param name="Unstable">The notebook's rule for an unstable run.</param>
public sealed record GeneralisationSummary(
    IReadOnlyList<BudgetRow> Budgets, int FixedEpochs, IReadOnlyList<ScaledRuns> Scaling, IReadOnlyList<StableRate> Stable,
    StepsTradeOff TradeOff, IReadOnlyList<(int BatchSize, int Steps)> Reached, IReadOnlyList<NoiseScaleEstimate> NoiseOverTraining,
    NoiseScaleEstimate Noise, PairedDifference Gap, (int Small, int Large) GapBatches, Func<GridRun, bool> Unstable)
{
    /// <summary>Five bullets: fixed epochs against equal updates, learning-rate scaling, stable rates, steps to target, the generalisation gap.</summary>
    public Finding Conclusions()
    {
        Check();
        var best = BestAt(Scaling[0].Results.Cells().Count - 1);
        string[] bullets = [BudgetConclusion(), ScalingConclusion(), StableConclusion(), StepsConclusion(), GapConclusion()];
        return Finding.Of("what this notebook found", string.Join("\n", bullets.Select(b => "• " + b)),
            ("penalty", GeneralisationReport.Penalty(Budgets)), ("fittedNoiseScale", TradeOff.NoiseScale), ("simpleNoiseScale", Noise.SimpleNoiseScale),
            ("gapDifferenceMean", Gap.Difference.Mean), ("bestRuleAccuracyAtLargest", best.Cell.TestAccuracy))
            with { Verdict = GeneralisationReport.BudgetVerdict(Budgets) };
    }

    /// <summary>Five bullets of advice: equal updates, scaled rates, the noise scale as a ceiling, intervals on differences, the inbox classifier.</summary>
    public Finding Advice()
    {
        Check();
        string[] bullets =
        [
            BudgetAdvice(), ScalingAdvice(), NoiseAdvice(),
            Invariant($"• Judge a generalisation difference by an interval on the seed-by-seed difference: batch {GapBatches.Large}'s train/test gap ") +
                Invariant($"minus batch {GapBatches.Small}'s was {Gap.Difference}. Verdict: ") + GeneralisationReport.VerdictText(Gap.Difference, GapBatches.Large),
            "• For the inbox classifier: if a larger training batch does worse on new mail, give it the same number of updates and try a scaled " +
                "learning rate with a warm-up (section 2) before going back to a smaller batch.",
        ];
        return Finding.Of("what to do about batch size and generalisation", string.Join("\n", bullets),
            ("penalty", GeneralisationReport.Penalty(Budgets)), ("fittedNoiseScale", TradeOff.NoiseScale), ("gapDifferenceMean", Gap.Difference.Mean))
            with { Verdict = GeneralisationReport.BudgetVerdict(Budgets) };
    }

    private void Check()
    {
        GeneralisationReport.Ends(Budgets);
        ArgumentNullException.ThrowIfNull(Scaling);
        Guard.InRange(Scaling.Count, 1, 10, nameof(Scaling) + ".Count");
        ArgumentNullException.ThrowIfNull(Stable);
        Guard.InRange(Stable.Count, 1, 10_000, nameof(Stable) + ".Count");
        ArgumentNullException.ThrowIfNull(NoiseOverTraining);
        Guard.InRange(NoiseOverTraining.Count, 1, 1_000_000, nameof(NoiseOverTraining) + ".Count");
        ArgumentNullException.ThrowIfNull(Unstable);
    }

    private (BudgetRow Small, BudgetRow Large, double Penalty, double Left) BudgetNumbers()
    {
        var (small, large) = GeneralisationReport.Ends(Budgets);
        return (small, large, GeneralisationReport.Penalty(Budgets), large.TestLossEqualUpdates - small.TestLossEqualUpdates);
    }

    private string BudgetConclusion()
    {
        var (small, large, penalty, left) = BudgetNumbers();
        return GeneralisationReport.BudgetVerdict(Budgets) switch
        {
            "no penalty" => Invariant($"Fixed epochs vs fixed updates: after {FixedEpochs} epochs batch {large.BatchSize} did not do worse ({penalty:+0.000;-0.000} test loss), so there was no penalty for equal updates to close."),
            "updates closed most of it" => Invariant($"Fixed epochs vs fixed updates: the large-batch penalty at {FixedEpochs} epochs ({penalty:+0.000;-0.000} test loss) {(Math.Abs(left) <= 0.05 * penalty ? "closed almost entirely" : "mostly closed")} with equal updates ") +
                Invariant($"({left:+0.000;-0.000}) — the Hoffer effect showed, at {(double)small.UpdatesFixedEpochs / large.UpdatesFixedEpochs:0.#}x the samples."),
            _ => Invariant($"Fixed epochs vs fixed updates: equal updates did not close most of the large-batch penalty ({penalty:+0.000;-0.000} vs {left:+0.000;-0.000}) — the Hoffer effect did not show here."),
        };
    }

    // The rule with the highest mean test accuracy at the index-th batch size, and that cell.
    private (ScaledRuns Rule, GridCell Cell) BestAt(int index) =>
        Scaling.Select(s => (Rule: s, Cell: s.Results.Cells()[index])).MaxBy(r => double.IsNaN(r.Cell.TestAccuracy) ? -1 : r.Cell.TestAccuracy);

    private string ScalingConclusion()
    {
        var cells = Scaling[0].Results.Cells();
        var (largestIndex, nextIndex) = (cells.Count - 1, Math.Max(0, cells.Count - 2));
        var (largest, next) = (cells[largestIndex].BatchSize, cells[nextIndex].BatchSize);
        var run = Scaling[0].Results.Runs.First(r => r.BatchSize == largest).Run;
        var (bestLargest, bestNext) = (BestAt(largestIndex), BestAt(nextIndex));
        var others = string.Join(", ", Scaling.Where(s => s != bestNext.Rule).Select(s => Invariant($"{Phrase(s)} {s.Results.Cells()[nextIndex].TestAccuracy:P1}")));
        return Invariant($"Learning-rate scaling, test accuracy at batch {largest} ({run.Updates.Count} updates in {run.Epochs.Count} epochs) against batch {cells[0].BatchSize}: ") +
            string.Join("; ", Scaling.Select(s => Invariant($"{s.Name} {s.Results.Cells()[^1].TestAccuracy:P1} vs {s.Results.Cells()[0].TestAccuracy:P1} ") +
                Invariant($"({s.Results.Runs.Count(Unstable)} of {s.Results.Runs.Count} runs unstable)"))) +
            Invariant($". Highest mean at batch {largest}: {Phrase(bestLargest.Rule)}; at batch {next}: {Phrase(bestNext.Rule)} ({bestNext.Cell.TestAccuracy:P1}") +
            (others.Length == 0 ? "" : "; " + others) + "; the table's intervals say which of these the seeds can tell apart).";
    }

    // "no scaling", "the linear rule".
    private static string Phrase(ScaledRuns rule) => rule.Rule == ScalingRule.None ? rule.Name : "the " + rule.Name;

    private string StableConclusion()
    {
        var (first, last) = (Stable[0], Stable[^1]);
        return Invariant($"Stable learning rates: the largest stable rate (mean loss) went from {first.LargestStableRate} at batch {first.BatchSize} to {last.LargestStableRate} at batch {last.BatchSize}") +
            (last.LargestStableRate > first.LargestStableRate ? " (it grew with the batch)" : last.LargestStableRate < first.LargestStableRate ? " (it shrank as the batch grew)" : " (unchanged)") +
            Invariant($"; per sample (lr / B, Masters and Luschi's parameterisation) from {first.LargestStableRatePerSample:G3} to {last.LargestStableRatePerSample:G3}") +
            (last.LargestStableRatePerSample < first.LargestStableRatePerSample ? " — in their terms the range narrowed as the batch grew." : " — in their terms it did not narrow in this run.");
    }

    private string StepsConclusion() =>
        Invariant($"Steps to target: fitted B_noise ≈ {TradeOff.NoiseScale:0}; measured B_simple ≈ {Noise.SimpleNoiseScale:0} ") +
        Invariant($"(from {NoiseOverTraining[0].SimpleNoiseScale:0} early to {NoiseOverTraining[^1].SimpleNoiseScale:0} late in training).");

    private string GapConclusion()
    {
        var (d, large) = (Gap.Difference, GapBatches.Large);
        return Invariant($"Small vs large batch, equal updates: ") + GeneralisationReport.Verdict(d) switch
        {
            "larger for the large batch" => Invariant($"batch {large}'s train/test gap was larger by {d.Mean:P2} (interval on the difference excludes 0) — a Keskar-like gap showed."),
            "smaller for the large batch" => Invariant($"batch {large}'s train/test gap was smaller by {-d.Mean:P2} (interval on the difference excludes 0) — the opposite of the Keskar gap."),
            _ => Invariant($"the interval on the difference in train/test gap ({d}) includes 0, so this run cannot tell them apart; Keskar et al.'s own MNIST effect was small."),
        };
    }

    private string BudgetAdvice()
    {
        var (small, large, penalty, left) = BudgetNumbers();
        return Invariant($"• Compare batch sizes at equal updates, not only equal epochs: after {FixedEpochs} epochs batch {large.BatchSize} ended {penalty:+0.000;-0.000} in test loss ") +
            Invariant($"against batch {small.BatchSize}, and {left:+0.000;-0.000} with equal updates. ") + GeneralisationReport.BudgetVerdict(Budgets) switch
            {
                "no penalty" => "Here the larger batch did not do worse after equal epochs: there was no penalty to fix on this run.",
                "updates closed most of it" => "Here most of the penalty was missing updates: train a larger batch for more epochs before blaming the batch size.",
                _ => "Here equal updates did not close most of it: keep the smaller batch or retune the learning rate.",
            };
    }

    private string ScalingAdvice()
    {
        var largestIndex = Scaling[0].Results.Cells().Count - 1;
        var (best, cell) = BestAt(largestIndex);
        var unstable = best.Results.Runs.Count(r => r.BatchSize == cell.BatchSize && Unstable(r));
        return best.Rule != ScalingRule.None
            ? Invariant($"• When you raise the batch, raise the learning rate with it and test the result, with and without a warm-up (section 2 compared both): at batch {cell.BatchSize} the {best.Name} did best here ") +
              Invariant($"({cell.TestAccuracy:P1} test accuracy, {unstable} of {cell.Runs} runs unstable).")
            : Invariant($"• Scaling the learning rate did not help at batch {cell.BatchSize} here (no scaling did best, {cell.TestAccuracy:P1}): test a scaled rate on your own model rather than assume it helps.");
    }

    // Above the fitted B_noise, did a bigger batch still save updates? The measured points above it say.
    private string NoiseAdvice()
    {
        var above = Reached.Where(r => r.BatchSize >= TradeOff.NoiseScale).ToList();
        if (!(TradeOff.NoiseScale > 0) || above.Count < 2)
        {
            return "• The steps-to-target fit was too rough on this run (or too few sizes above it reached the target) to suggest a ceiling for the batch size.";
        }

        var (low, high) = (above[0], above[^1]);
        var (saved, size) = ((double)low.Steps / high.Steps, (double)high.BatchSize / low.BatchSize);
        return saved < Math.Sqrt(size)
            ? Invariant($"• Use the noise scale as a ceiling: above B_noise ≈ {TradeOff.NoiseScale:0}, {size:0}x the batch (batch {low.BatchSize} to {high.BatchSize}) cut the updates to target only {saved:0.0}x ") +
              Invariant($"({low.Steps} to {high.Steps}): each sample bought less there (notebook 02 measures the speed).")
            : Invariant($"• The fit put B_noise at ≈ {TradeOff.NoiseScale:0}, yet above it {size:0}x the batch (batch {low.BatchSize} to {high.BatchSize}) still cut the updates to target {saved:0.0}x ") +
              Invariant($"({low.Steps} to {high.Steps}): on this run the fit is too rough to use as a ceiling.");
    }
}

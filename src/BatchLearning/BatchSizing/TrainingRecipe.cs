using BatchLearning.Findings;
using BatchLearning.Gradients;
using BatchLearning.Memory;
using BatchLearning.Training;
using static System.FormattableString;

namespace BatchLearning.BatchSizing;

/// <summary>Notebook 02's closing recipe for the batch size in training, each bullet from the run's numbers.</summary>
public static class TrainingRecipe
{
    /// <summary>
    /// The recipe, one bullet per line, each from the run's numbers: which batch reached the target first, speed against updates, the shared
    /// learning rate, the gradient's noise, memory, and what the advisor picks. The verdict is <see cref="BatchSizeRunsReport.FastestToAccuracy"/>'s.
    /// </summary>
    /// <param name="runs">The runs, smallest batch first and the full batch last.</param>
    /// <param name="times">When each reached the target (<see cref="TimeToAccuracy.Of"/>).</param>
    /// <param name="target">The target test accuracy.</param>
    /// <param name="noise">The gradient's variance at several batch sizes, at least two.</param>
    /// <param name="wideModelFit">The memory fit of the wide model.</param>
    /// <param name="advice">The advisor's pick for the trained model.</param>
    public static Finding Of(IReadOnlyList<TrainingRun> runs, IReadOnlyList<TimeToAccuracy> times, double target,
        GradientNoiseMeasurement noise, MemoryFit wideModelFit, BatchSizeAdvice advice)
    {
        BatchSizeRunsReport.Finished(runs);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(wideModelFit);
        ArgumentNullException.ThrowIfNull(advice);
        Guard.InRange(noise.Points.Count, 2, 10_000, nameof(noise) + ".Points.Count");
        var (first, full, fastest) = (runs[0], runs[^1], BatchSizeRunsReport.Fastest(times));
        var verdict = BatchSizeRunsReport.FastestToAccuracy(times, target).Verdict;
        var (small, large) = (noise.Points[0], noise.Points[^2]);
        var optimizer = first.Options.Optimizer;
        string[] bullets =
        [
            verdict == "mini-batch" ? Invariant($"• Train in mini-batches: {fastest!.Run} hit {target:P0} accuracy first ({BatchSizeRunsReport.Seconds(fastest.SecondsToTarget)} s).")
                : fastest is null ? Invariant($"• No run hit {target:P0} accuracy: retune the rate and compare again.")
                : verdict == "too close to call" ? Invariant($"• {BatchSizeRunsReport.Capitalised(fastest.Run)} and {BatchSizeRunsReport.RivalOf(fastest, times)!.Run} hit {target:P0} accuracy too close together to call: compare again on a quieter machine.")
                : Invariant($"• Here {fastest.Run}, not a mini-batch, hit {target:P0} first: retune the rate and compare again."),
            Invariant($"• Judge a batch size per second, not per epoch: {full.Name} processed {full.SamplesPerSecond:N0} samples/s and batch {first.Options.BatchSize} ") +
                Invariant($"{first.SamplesPerSecond:N0}, yet {full.Name} made {full.Updates.Count:N0} updates in {full.Epochs.Count} epochs to batch {first.Options.BatchSize}'s {first.Updates.Count:N0}."),
            Invariant($"• New batch size, new learning rate: every size here shared one untuned rate ({optimizer.Kind.ToString().ToLowerInvariant()}, {optimizer.LearningRate})."),
            Invariant($"• Small batches take noisy steps: the gradient's variance at batch {small.BatchSize} was {small.Variance / large.Variance:N0}x that at batch {large.BatchSize}."),
            Invariant($"• Memory caps the batch ({wideModelFit.BytesPerSample / 1024:0.0} KiB/sample, wide model); past it, accumulate gradients."),
            Invariant($"• Run the recipe on your model before keeping lesson 00's 64: it picks batch {advice.Recommended.BatchSize} for the digit model by speed alone; ") +
                (fastest is null ? Invariant($"no run reached {target:P0} accuracy here.")
                    : verdict == "too close to call" ? Invariant($"time to {target:P0} accuracy could not separate {fastest.Run} from {BatchSizeRunsReport.RivalOf(fastest, times)!.Run}.")
                    : Invariant($"time to {target:P0} accuracy favoured {fastest.Run}.")),
        ];
        return Finding.Of("what to do with the batch size in training", string.Join("\n", bullets),
            ("fastestBatch", fastest?.BatchSize ?? double.NaN), ("varianceRatio", small.Variance / large.Variance),
            ("bytesPerSample", wideModelFit.BytesPerSample), ("recommendedBatch", advice.Recommended.BatchSize))
            with { Verdict = verdict };
    }
}

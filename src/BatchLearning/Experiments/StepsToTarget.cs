using BatchLearning.Training;

namespace BatchLearning.Experiments;

/// <summary>
/// The first update at which a run's measured loss or accuracy reaches a target (Shallue et al.'s "steps to result"), or null for "not reached".
/// Resolution is that of the run's evaluations: set <see cref="TrainingOptions.EvaluateEveryUpdates"/> for finer steps.
/// </summary>
public static class StepsToTarget
{
    /// <summary>The first evaluation of <paramref name="run"/> that reaches <paramref name="target"/>, as its update count; null when none does.</summary>
    public static int? Find(TrainingRun run, TargetMetric metric, double target)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Find(run.Evaluations, metric, target);
    }

    /// <summary>The first of <paramref name="evaluations"/> (in order) that reaches <paramref name="target"/>; null when none does.</summary>
    /// <param name="evaluations">The run's evaluations, in order.</param>
    /// <param name="metric">What to watch.</param>
    /// <param name="target">For an accuracy a share from 0 to 1 (0.9, not 90); for a loss a finite number from 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside its metric's range, or the metric is not defined.</exception>
    /// <exception cref="ArgumentException">The target is not finite, or no evaluation measured the metric (for example a test metric of a run without a test set).</exception>
    public static int? Find(IEnumerable<EvaluationRecord> evaluations, TargetMetric metric, double target)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var accuracy = ValidateTarget(metric, target);
        var measured = false;
        foreach (var evaluation in evaluations)
        {
            var value = Value(evaluation, metric);
            measured |= !double.IsNaN(value);
            if (accuracy ? value >= target : value <= target)
            {
                return evaluation.Update;
            }
        }

        if (!measured && evaluations.Any())
        {
            throw new ArgumentException(
                $"No evaluation measured {metric} (all NaN): a test metric needs a run trained with a test set, and accuracy needs class labels. Choose another metric or add a test set.",
                nameof(metric));
        }

        return null;
    }

    // Checks the metric and the target's range for it; true when the metric is an accuracy (higher is better).
    private static bool ValidateTarget(TargetMetric metric, double target)
    {
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"metric must be one of {string.Join(", ", Enum.GetNames<TargetMetric>())}; got {(int)metric}.");
        }

        var accuracy = metric is TargetMetric.TestAccuracy or TargetMetric.TrainAccuracy;
        if (!double.IsFinite(target))
        {
            throw new ArgumentException($"The target must be a finite number, for example 0.9 for accuracy or 0.2 for loss; got {target}.", nameof(target));
        }

        if (target < 0 || (accuracy && target > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, accuracy
                ? $"An accuracy target must be a share from 0 to 1, for example 0.9 for 90%; got {target}."
                : $"A loss target must be a finite number from 0, for example 0.2; got {target}.");
        }

        return accuracy;
    }

    private static double Value(EvaluationRecord evaluation, TargetMetric metric) => metric switch
    {
        TargetMetric.TestLoss => evaluation.TestLoss,
        TargetMetric.TrainLoss => evaluation.TrainLoss,
        TargetMetric.TestAccuracy => evaluation.TestAccuracy,
        _ => evaluation.TrainAccuracy,
    };
}

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
    /// <exception cref="ArgumentException">The target is not a finite number.</exception>
    public static int? Find(IEnumerable<EvaluationRecord> evaluations, TargetMetric metric, double target)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        if (!double.IsFinite(target))
        {
            throw new ArgumentException("The target must be a finite number, for example 0.9 for accuracy or 0.2 for loss.", nameof(target));
        }

        foreach (var evaluation in evaluations)
        {
            var reached = metric switch
            {
                TargetMetric.TestLoss => evaluation.TestLoss <= target,
                TargetMetric.TrainLoss => evaluation.TrainLoss <= target,
                TargetMetric.TestAccuracy => evaluation.TestAccuracy >= target,
                TargetMetric.TrainAccuracy => evaluation.TrainAccuracy >= target,
                _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
            };
            if (reached)
            {
                return evaluation.Update;
            }
        }

        return null;
    }
}

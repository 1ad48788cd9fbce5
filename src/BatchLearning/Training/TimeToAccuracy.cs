namespace BatchLearning.Training;

/// <summary>When one training run first reached a test accuracy, counted at the ends of its epochs.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="BatchSize">Its batch size.</param>
/// <param name="EpochReached">The first epoch that ended at or above the target, or null if none did.</param>
/// <param name="SecondsToTarget">Seconds of training (evaluation excluded) up to the end of that epoch, or null.</param>
/// <param name="FinalTestAccuracy">The test accuracy at the end of the run.</param>
public sealed record TimeToAccuracy(string Run, int BatchSize, int? EpochReached, double? SecondsToTarget, double FinalTestAccuracy)
{
    /// <summary>One row per run: when each first reached <paramref name="target"/> test accuracy.</summary>
    /// <param name="runs">Finished runs with a test set, at least one.</param>
    /// <param name="target">The test accuracy to reach, above 0 and at most 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">No runs, a target out of range, or a run without a finished epoch.</exception>
    public static IReadOnlyList<TimeToAccuracy> Of(IReadOnlyList<TrainingRun> runs, double target)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Guard.InRange(runs.Count, 1, 10_000, nameof(runs) + ".Count");
        Guard.Above(target, 0, 1);
        return [.. runs.Select(r =>
        {
            var final = r.Final ?? throw Guard.OutOfRange(nameof(runs), r.Name, "runs that finished at least one epoch");
            var reached = r.Epochs.FirstOrDefault(e => e.TestAccuracy >= target);
            return new TimeToAccuracy(r.Name, r.Options.BatchSize, reached?.Epoch, reached?.ElapsedSeconds, final.TestAccuracy);
        })];
    }
}

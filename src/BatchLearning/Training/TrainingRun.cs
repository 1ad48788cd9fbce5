using System.Globalization;

namespace BatchLearning.Training;

/// <summary>The record of one training run: every update and every end of epoch, in order.</summary>
/// <param name="Name">The run's name (legend entry).</param>
/// <param name="Options">The options it ran with.</param>
/// <param name="Updates">One record per optimizer step.</param>
/// <param name="Epochs">One record per end of epoch (and one at the end of an update budget that stops mid-epoch).</param>
/// <param name="UpdatesPerEpoch">Updates in one full epoch: the training-set size over the batch size, rounded up (kept last batch) or down (dropped).</param>
public sealed record TrainingRun(string Name, TrainingOptions Options, IReadOnlyList<UpdateRecord> Updates, IReadOnlyList<EpochRecord> Epochs, int UpdatesPerEpoch)
{
    /// <summary>Every evaluation of the run in order: each end of epoch and, with <see cref="TrainingOptions.EvaluateEveryUpdates"/>, every few updates.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations { get; init; } = [];

    /// <summary>Two-batch gradient measurements, with <see cref="TrainingOptions.NoiseScale"/> set; estimate B_simple with <see cref="Gradients.NoiseScaleEstimate"/>.</summary>
    public IReadOnlyList<Gradients.NoiseScaleSample> NoiseScaleSamples { get; init; } = [];

    /// <summary>The last end-of-epoch measurement, or null when the run stopped before its first.</summary>
    public EpochRecord? Final => Epochs.Count == 0 ? null : Epochs[^1];

    /// <summary>Training time of the whole run (evaluation excluded).</summary>
    public double TrainingSeconds => Updates.Count == 0 ? 0 : Updates[^1].ElapsedSeconds;

    /// <summary>Samples processed per second over the whole run.</summary>
    public double SamplesPerSecond => TrainingSeconds == 0 ? 0 : Updates.Sum(u => (double)u.BatchSize) / TrainingSeconds;

    /// <inheritdoc />
    public override string ToString() => Final is { } final
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {Updates.Count} updates, {Epochs.Count} epochs, train loss {final.TrainLoss:0.####}, test accuracy {final.TestAccuracy:P1}, {TrainingSeconds:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: {Updates.Count} updates, no epoch finished");
}

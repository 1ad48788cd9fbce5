using System.Globalization;
using BatchLearning.Data;

namespace BatchLearning.Training;

/// <summary>Everything that defines a training run besides the model, the loss and the data.</summary>
/// <param name="BatchSize">
/// Samples per update (the effective batch), from 1 to the training-set size. With <see cref="AccumulationSteps"/> above 1 each batch is
/// computed in that many smaller pieces whose gradients add up to the batch's gradient.
/// </param>
/// <param name="Budget">An epoch budget or an update budget.</param>
/// <param name="Optimizer">The optimiser and its base learning rate.</param>
public sealed record TrainingOptions(int BatchSize, TrainingBudget Budget, OptimizerSettings Optimizer)
{
    /// <summary>The learning-rate schedule over updates; defaults to <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>An optional rule that scales the base learning rate with the batch size; none by default.</summary>
    public LearningRateScaling? Scaling { get; init; }

    /// <summary>
    /// Pieces each batch is computed in (gradient accumulation), from 1 (the default) to <see cref="BatchSize"/>: memory follows the piece, the update follows the whole batch.
    /// </summary>
    public int AccumulationSteps { get; init; } = 1;

    /// <summary>Whether the last, smaller batch of an epoch is kept (the default) or dropped.</summary>
    public LastBatch LastBatch { get; init; } = LastBatch.Keep;

    /// <summary>The one seed of the run: it seeds torch (dropout and the like) and every epoch's shuffle; defaults to 2026.</summary>
    public long Seed { get; init; } = 2026;

    /// <summary>Samples per forward pass when measuring loss and accuracy at the end of an epoch, at least 1; defaults to 4,096.</summary>
    public int EvaluationBatchSize { get; init; } = 4096;

    /// <summary>The run's name in tables and chart legends; defaults to "batch {BatchSize}".</summary>
    public string? Name { get; init; }

    /// <summary>
    /// When set, loss and accuracy are also measured after every this many updates (at least 1), not only at the end of each epoch,
    /// for finer curves and steps-to-target; see <see cref="TrainingRun.Evaluations"/>. Null (the default): at ends of epochs only.
    /// </summary>
    public int? EvaluateEveryUpdates { get; init; }

    /// <summary>When set, the gradient noise scale is logged during training with the two-batch estimator; see <see cref="TrainingRun.NoiseScaleSamples"/>.</summary>
    public NoiseScaleOptions? NoiseScale { get; init; }

    /// <summary>
    /// Training counts as diverged (a <see cref="TrainingDivergedException"/>, like a NaN loss) when an update's loss exceeds this factor x the run's first loss
    /// (taken as at least 1). Above 1 and finite; defaults to 1,000,000; null turns the check off (NaN and infinite losses still stop training).
    /// </summary>
    public double? DivergenceFactor { get; init; } = 1e6;

    /// <summary>Optional checkpoints to resume from.</summary>
    public CheckpointOptions? Checkpoint { get; init; }

    /// <summary>The name shown for the run.</summary>
    public string RunName => Name ?? string.Create(CultureInfo.InvariantCulture, $"batch {BatchSize}");

    /// <summary>The learning rate at <paramref name="update"/> (from 1): base rate x batch-size scaling x schedule.</summary>
    public double LearningRateAt(int update) =>
        Optimizer.LearningRate * (Scaling?.Factor(BatchSize) ?? 1) * Schedule.Factor(update);

    /// <summary>Checks every setting against a training set of <paramref name="trainingSamples"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it and the range.</exception>
    public void Validate(int trainingSamples)
    {
        ArgumentNullException.ThrowIfNull(Budget);
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Schedule);
        MiniBatches.ValidateBatchSize(trainingSamples, BatchSize);
        Budget.Validate();
        Optimizer.Validate();
        Schedule.Validate();
        if (AccumulationSteps < 1 || AccumulationSteps > BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(AccumulationSteps), AccumulationSteps, Text($"AccumulationSteps must be from 1 to the batch size, {BatchSize}; got {AccumulationSteps}."));
        }

        _ = TotalUpdates(trainingSamples);
        ValidateEvaluationAndDivergence();
        ValidateNoiseScale(trainingSamples);
        ValidateScaling();
        Checkpoint?.Validate();
    }

    private void ValidateEvaluationAndDivergence()
    {
        if (EvaluationBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluationBatchSize), EvaluationBatchSize, Text($"EvaluationBatchSize must be at least 1; got {EvaluationBatchSize}."));
        }

        if (EvaluateEveryUpdates is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluateEveryUpdates), EvaluateEveryUpdates, Text($"EvaluateEveryUpdates must be at least 1, or null for ends of epochs only; got {EvaluateEveryUpdates}."));
        }

        if (DivergenceFactor is { } factor && !(factor > 1 && double.IsFinite(factor)))
        {
            throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), factor, Text($"DivergenceFactor must be a finite number above 1 (for example 1e6), or null to turn the check off; got {factor}."));
        }
    }

    private void ValidateNoiseScale(int trainingSamples)
    {
        if (NoiseScale is { } noise)
        {
            if (noise.EveryUpdates < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(NoiseScale), noise.EveryUpdates, Text($"NoiseScale.EveryUpdates must be at least 1; got {noise.EveryUpdates}."));
            }

            if (noise.BigBatchSize <= BatchSize || noise.BigBatchSize > trainingSamples)
            {
                throw new ArgumentOutOfRangeException(nameof(NoiseScale), noise.BigBatchSize,
                    string.Create(CultureInfo.InvariantCulture, $"NoiseScale.BigBatchSize must be above the batch size ({BatchSize}) and at most the training-set size ({trainingSamples})."));
            }
        }
    }

    private void ValidateScaling()
    {
        if (Scaling is { } scaling)
        {
            var scaled = scaling.LearningRate(Optimizer.LearningRate, BatchSize);
            if (scaled > OptimizerSettings.LargestLearningRate)
            {
                throw new ArgumentOutOfRangeException(nameof(Scaling), scaled,
                    Text($"The learning rate scaled to batch {BatchSize} ({Optimizer.LearningRate} x {scaled / Optimizer.LearningRate:G4}) must be at most {OptimizerSettings.LargestLearningRate}; got {scaled:G4}. Lower the base rate or raise BaseBatchSize."));
            }
        }
    }

    /// <summary>The updates the budget comes to on a training set of <paramref name="trainingSamples"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch budget comes to more than <see cref="int.MaxValue"/> updates.</exception>
    internal int TotalUpdates(int trainingSamples)
    {
        if (Budget.Updates is { } updates)
        {
            return updates;
        }

        var perEpoch = MiniBatches.CountPerEpoch(trainingSamples, BatchSize, LastBatch);
        var total = (long)Budget.Epochs!.Value * perEpoch;
        if (total > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Budget), Budget.Epochs,
                Text($"Epochs must be from 1 to {int.MaxValue / perEpoch:N0} here ({perEpoch} updates per epoch, at most {int.MaxValue:N0} updates in all); got {Budget.Epochs:N0}."));
        }

        return (int)total;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

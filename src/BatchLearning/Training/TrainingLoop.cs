using System.Diagnostics;
using BatchLearning.Data;
using TorchSharp.Modules;
using BatchLearning.Models;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>
/// The loop of one run: epochs of updates until the budget is spent. After every update the hooks run; the end of an epoch and the end of the
/// budget take the same path (evaluate and record the epoch, report, move to the next epoch, checkpoint).
/// </summary>
internal sealed class TrainingLoop
{
    private readonly Objective objective;
    private readonly TrainingOptions options;
    private readonly TensorDataSet train;
    private readonly OptimizerHelper optimizer;
    private readonly TrainingPosition position;
    private readonly CancellationToken cancellationToken;
    private readonly int totalUpdates;
    private readonly int batchesPerEpoch;
    private readonly ITrainingHook[] hooks;
    private readonly NoiseScaleLogger? noiseScale;
    private readonly CheckpointSaver? checkpoints;

    /// <summary>Prepares the loop; <paramref name="train"/> is the session's training set already on the device.</summary>
    internal TrainingLoop(
        TrainingSession session, TensorDataSet train, OptimizerHelper optimizer, TrainingPosition position, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        (objective, options, this.train, this.optimizer, this.position, this.cancellationToken) = (session.Objective, session.Options, train, optimizer, position, cancellationToken);
        totalUpdates = options.TotalUpdates(train.Count);
        batchesPerEpoch = MiniBatches.CountPerEpoch(train.Count, options.BatchSize, options.LastBatch);
        position.Begin(batchesPerEpoch);
        hooks = [new EvaluationHook(objective, train, session.TestSet, options), new ProgressHook(progress, options, totalUpdates)];
        noiseScale = options.NoiseScale is { } noise ? new NoiseScaleLogger(objective, train, noise, options.Seed) : null;
        checkpoints = options.Checkpoint is { } checkpoint ? new CheckpointSaver(checkpoint, options, train.Count, objective.Model, optimizer) : null;
    }

    /// <summary>Trains until the budget is spent; returns the run's records.</summary>
    internal TrainingRun Run()
    {
        objective.Model.train();
        while (position.Update < totalUpdates)
        {
            var epochEnded = TrainRestOfEpoch();
            AfterStep(endsEpoch: true, movesToNextEpoch: epochEnded);
        }

        return position.ToRun(options);
    }

    // Trains the rest of the current epoch, or until the budget is spent. True when the epoch's last batch was trained on.
    private bool TrainRestOfEpoch()
    {
        using var batches = MiniBatches.Shuffled(train, options.BatchSize, options.Seed, position.Epoch, batchesPerEpoch, position.BatchesDone).GetEnumerator();
        while (position.Update < totalUpdates)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new TrainingCancelledException(position.ToRun(options), new OperationCanceledException(cancellationToken));
            }

            using var scope = NewDisposeScope();
            var started = Stopwatch.GetTimestamp();
            if (!batches.MoveNext())
            {
                return true;
            }

            TrainOn(batches.Current, started);
            if (position.BatchesDone == batchesPerEpoch)
            {
                return true;
            }

            if (position.Update < totalUpdates)
            {
                AfterStep(endsEpoch: false, movesToNextEpoch: false);
            }
        }

        return false;
    }

    // One update: learning rate, forward and backward (with the noise-scale measurement when due), divergence check, optimiser step, record.
    private void TrainOn(MiniBatch batch, long started)
    {
        var update = position.Update + 1;
        var learningRate = options.LearningRateAt(update);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        var bigBatchSquaredNorm = noiseScale?.BigBatchSquaredNorm(update);
        optimizer.zero_grad();
        var batchLoss = objective.ForwardBackward(batch, options.AccumulationSteps);
        noiseScale?.Record(position, update, batch.Size, bigBatchSquaredNorm);
        ThrowIfDiverged(update, batchLoss, learningRate);
        optimizer.step();
        position.RecordUpdate(batch.Size, learningRate, batchLoss, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private void ThrowIfDiverged(int update, double batchLoss, double learningRate)
    {
        if (!double.IsFinite(batchLoss))
        {
            throw new TrainingDivergedException(update, position.Epoch, batchLoss, learningRate, position.ToRun(options));
        }

        if (options.DivergenceFactor is { } factor && position.Updates.Count > 0)
        {
            // Scaled by the run's first loss (at least 1, so a near-zero first loss does not make every later wobble a blow-up).
            var threshold = factor * Math.Max(position.Updates[0].Loss, 1);
            if (batchLoss > threshold)
            {
                throw new TrainingDivergedException(update, position.Epoch, batchLoss, learningRate, threshold, position.ToRun(options));
            }
        }
    }

    // The one path after an update: hooks (evaluation, progress), then the next epoch when this one ended, then the checkpoint, which saves
    // the position it should resume from.
    private void AfterStep(bool endsEpoch, bool movesToNextEpoch)
    {
        foreach (var hook in hooks)
        {
            hook.AfterStep(position, endsEpoch);
        }

        if (movesToNextEpoch)
        {
            position.StartNextEpoch();
        }

        checkpoints?.AfterStep(position, totalUpdates);
    }
}

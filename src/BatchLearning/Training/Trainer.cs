using System.Diagnostics;
using BatchLearning.Data;
using BatchLearning.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>
/// Trains any TorchSharp model with mini-batches: each update computes the batch's mean loss, back-propagates it and takes
/// one optimizer step (the "one update per batch, averaged error" of the course). Every update and every end of epoch is recorded.
/// </summary>
/// <remarks>
/// The loss must average over the batch (the default reduction of TorchSharp's losses), so that gradient accumulation adds up to the batch's gradient.
/// The model is moved to <see cref="TorchRuntime.Device"/> and left in training mode.
/// </remarks>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> as <paramref name="options"/> say.</summary>
    /// <param name="model">The model; it is moved to the current device.</param>
    /// <param name="loss">A loss with mean reduction, for example <c>nn.CrossEntropyLoss()</c>.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">An optional held-out set, evaluated at the end of each epoch.</param>
    /// <param name="options">Batch size, budget, optimiser, schedule, seed.</param>
    /// <param name="progress">Optional: receives a report after every update.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The run's records.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range (for example a batch size of 0, or above the training-set size).</exception>
    /// <exception cref="ArgumentException">The data does not fit the model (feature width, or a label outside the model's classes); the message says which, in the data's terms.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The loss became NaN or infinite, or rose above <see cref="TrainingOptions.DivergenceFactor"/> x the run's first loss; the exception's Run holds the updates before it.
    /// </exception>
    /// <exception cref="TrainingCancelledException">Cancelled; the exception's Run holds what was recorded.</exception>
    public static TrainingRun Train(
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(model, loss, train, test, options);
        TorchRuntime.Seed(options.Seed);
        model.to(TorchRuntime.Device);
        using var optimizer = options.Optimizer.Create(model.parameters());
        return ModelDataCheck.Translate(model, train.Features, train.Labels,
            () => Run(model, loss, optimizer, train, test, options, new TrainingPosition(), progress, cancellationToken));
    }

    /// <summary>
    /// Continues the run saved in <paramref name="checkpointDirectory"/>: restores the weights, the optimizer state and torch's random state,
    /// and goes on from the saved update, so the curve continues exactly where it stopped. The budget may be larger than the saved run's.
    /// </summary>
    /// <param name="checkpointDirectory">A folder written by a run with <see cref="TrainingOptions.Checkpoint"/> set.</param>
    /// <param name="model">A model of the same architecture (its weights are replaced).</param>
    /// <param name="loss">The same loss.</param>
    /// <param name="train">The same training set.</param>
    /// <param name="test">The same test set, or null.</param>
    /// <param name="options">The same batch size, seed, accumulation and last-batch choice; the budget may grow.</param>
    /// <param name="progress">Optional progress receiver.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="FileNotFoundException">No checkpoint in the folder.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged (unreadable state.json, a missing or corrupt weights file, weights of other shapes than the model's); the message names the file.</exception>
    /// <exception cref="ArgumentException">The options differ from the checkpoint's in a way that would change the curve.</exception>
    public static TrainingRun Resume(
        string checkpointDirectory,
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(model, loss, train, test, options);
        var checkpoint = TrainingCheckpoint.Load(checkpointDirectory);
        checkpoint.EnsureMatches(options, train.Count);
        TorchRuntime.Initialize();
        model.to(TorchRuntime.Device);
        using var optimizer = options.Optimizer.Create(model.parameters());
        checkpoint.Restore(checkpointDirectory, model, optimizer);
        return ModelDataCheck.Translate(model, train.Features, train.Labels,
            () => Run(model, loss, optimizer, train, test, options, checkpoint.Position, progress, cancellationToken));
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> over <paramref name="data"/>, in evaluation mode, without gradients.</summary>
    /// <param name="model">The model.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="data">The set to measure.</param>
    /// <param name="batchSize">Samples per forward pass, at least 1; defaults to 4,096.</param>
    /// <returns>The mean loss, and the share classified correctly (NaN for numeric targets).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data does not fit the model (feature width, or a label outside the model's classes).</exception>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"batchSize must be at least 1; got {batchSize}."));
        }

        ModelDataCheck.EnsureFeaturesFit(model, data.Features, nameof(data), "the data set");
        ModelDataCheck.EnsureLabelsFit(model, data, nameof(data));
        return ModelDataCheck.Translate(model, data.Features, data.Labels, () => Measure(model, loss, data, batchSize));
    }

    private static (double Loss, double Accuracy) Measure(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, int batchSize)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGradients = no_grad();
            using var scope = NewDisposeScope();
            var device = TorchRuntime.Device;
            double lossSum = 0;
            long correct = 0;
            var classify = data.HasClassLabels;
            for (long start = 0; start < data.Count; start += batchSize)
            {
                var length = Math.Min(batchSize, data.Count - start);
                var inputs = data.Features.narrow(0, start, length).to(device);
                var labels = data.Labels.narrow(0, start, length).to(device);
                var outputs = model.forward(inputs);
                lossSum += loss.forward(outputs, labels).item<float>() * length;
                if (classify && outputs.dim() == 2)
                {
                    correct += outputs.argmax(1).eq(labels).sum().item<long>();
                }
                else
                {
                    classify = false;
                }
            }

            return (lossSum / data.Count, classify ? (double)correct / data.Count : double.NaN);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static void Validate(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet train, TensorDataSet? test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(train.Count);
        ModelDataCheck.EnsureFeaturesFit(model, train.Features, nameof(train), "the training set");
        ModelDataCheck.EnsureLabelsFit(model, train, nameof(train));
        if (test is not null)
        {
            ModelDataCheck.EnsureFeaturesFit(model, test.Features, nameof(test), "the test set");
            ModelDataCheck.EnsureLabelsFit(model, test, nameof(test));
        }
    }

    private static TrainingRun Run(
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        OptimizerHelper optimizer,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        TrainingPosition position,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var device = TorchRuntime.Device;
        var trainOnDevice = train.To(device);
        try
        {
            var batchesPerEpoch = MiniBatches.PerEpoch(train.Count, options.BatchSize, options.LastBatch);
            position.UpdatesPerEpoch = batchesPerEpoch;
            var totalUpdates = options.TotalUpdates(train.Count);
            model.train();
            while (position.Update < totalUpdates)
            {
                var epochEnded = TrainEpoch(model, loss, optimizer, trainOnDevice, test, options, position, batchesPerEpoch, totalUpdates, progress, cancellationToken);
                if (epochEnded || position.Update >= totalUpdates)
                {
                    EndEpoch(model, loss, trainOnDevice, test, options, position);
                    Report(progress, options, position, totalUpdates);
                    if (epochEnded)
                    {
                        position.Epoch++;
                        position.BatchesDone = 0;
                        position.EpochSeconds = 0;
                        position.EpochSamples = 0;
                    }

                    if (options.Checkpoint is { } checkpoint && (position.Update % checkpoint.EveryUpdates == 0 || position.Update >= totalUpdates))
                    {
                        TrainingCheckpoint.Save(checkpoint.Directory, options, train.Count, position, model, optimizer);
                    }
                }
            }

            return position.ToRun(options);
        }
        finally
        {
            if (!ReferenceEquals(trainOnDevice, train))
            {
                trainOnDevice.Dispose();
            }
        }
    }

    // Trains the rest of the current epoch, or until the budget is spent. True when the epoch's last batch was trained on.
    private static bool TrainEpoch(
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        OptimizerHelper optimizer,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        TrainingPosition position,
        int batchesPerEpoch,
        int totalUpdates,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var batches = MiniBatches.Epoch(train, options.BatchSize, options.Seed, position.Epoch, options.LastBatch, position.BatchesDone).GetEnumerator();
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

            var batch = batches.Current;
            var update = position.Update + 1;
            var learningRate = options.LearningRateAt(update);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            var logNoise = options.NoiseScale is { } noise && update % noise.EveryUpdates == 0;
            var bigSquaredNorm = logNoise ? BigBatchSquaredNorm(model, loss, train, options, update) : 0;
            optimizer.zero_grad();
            var batchLoss = ForwardBackward(model, loss, batch, options.AccumulationSteps);
            if (logNoise)
            {
                position.NoiseScaleSamples.Add(new Gradients.NoiseScaleSample(
                    update, batch.Size, options.NoiseScale!.BigBatchSize, Gradients.GradientNoise.SquaredNormOfGradients(model), bigSquaredNorm));
            }

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

            optimizer.step();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            position.Update = update;
            position.BatchesDone++;
            position.ElapsedSeconds += seconds;
            position.EpochSeconds += seconds;
            position.EpochSamples += batch.Size;
            position.Updates.Add(new UpdateRecord(update, position.Epoch, batch.Size, learningRate, batchLoss, position.ElapsedSeconds));
            var endsEpoch = position.BatchesDone == batchesPerEpoch;
            if (!endsEpoch && update < totalUpdates)
            {
                if (options.EvaluateEveryUpdates is { } every && update % every == 0)
                {
                    position.Evaluations.Add(Measure(model, loss, train, test, options, position));
                }

                Report(progress, options, position, totalUpdates);
                if (options.Checkpoint is { } checkpoint && update % checkpoint.EveryUpdates == 0)
                {
                    TrainingCheckpoint.Save(checkpoint.Directory, options, train.Count, position, model, optimizer);
                }
            }

            if (endsEpoch)
            {
                return true;
            }
        }

        return false;
    }

    // The batch's mean loss; its gradient accumulated over `pieces` slices, each weighted by its share of the batch.
    private static double ForwardBackward(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, Data.MiniBatch batch, int pieces)
    {
        if (pieces == 1)
        {
            var value = loss.forward(model.forward(batch.Features), batch.Labels);
            value.backward();
            return value.item<float>();
        }

        var pieceSize = (batch.Size + pieces - 1) / pieces;
        double total = 0;
        for (var start = 0; start < batch.Size; start += pieceSize)
        {
            var length = Math.Min(pieceSize, batch.Size - start);
            var share = (double)length / batch.Size;
            var value = loss.forward(model.forward(batch.Features.narrow(0, start, length)), batch.Labels.narrow(0, start, length)) * share;
            value.backward();
            total += value.item<float>();
        }

        return total;
    }

    private static void EndEpoch(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet train, TensorDataSet? test, TrainingOptions options, TrainingPosition position)
    {
        var measured = Measure(model, loss, train, test, options, position);
        position.Evaluations.Add(measured);
        position.Epochs.Add(new EpochRecord(
            position.Epoch, position.Update, measured.TrainLoss, measured.TrainAccuracy, measured.TestLoss, measured.TestAccuracy,
            position.EpochSeconds > 0 ? position.EpochSamples / position.EpochSeconds : 0, position.EpochSeconds, position.ElapsedSeconds));
    }

    private static EvaluationRecord Measure(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet train, TensorDataSet? test, TrainingOptions options, TrainingPosition position)
    {
        // The sets were checked against the model when training started.
        var (trainLoss, trainAccuracy) = Measure(model, loss, train, options.EvaluationBatchSize);
        var (testLoss, testAccuracy) = test is null ? (double.NaN, double.NaN) : Measure(model, loss, test, options.EvaluationBatchSize);
        return new EvaluationRecord(position.Update, position.Epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, position.ElapsedSeconds);
    }

    // The squared gradient norm of a big batch drawn for this update (its own seeded draw, so the shuffle is untouched); the weights do not change.
    private static double BigBatchSquaredNorm(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet train, TrainingOptions options, int update)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(SeedMixer.Mix(options.Seed, 1_000_000L + update), CPU);
        var rows = randperm(train.Count, generator: generator).narrow(0, 0, options.NoiseScale!.BigBatchSize).to(train.Features.device);
        return Gradients.GradientNoise.SquaredGradientNorm(model, loss, train.Features.index_select(0, rows), train.Labels.index_select(0, rows));
    }

    private static void Report(IProgress<TrainingProgress>? progress, TrainingOptions options, TrainingPosition position, int totalUpdates)
    {
        if (progress is null || position.Updates.Count == 0)
        {
            return;
        }

        var last = position.Updates[^1];
        progress.Report(new TrainingProgress(options.RunName, position.Epoch, position.Update, totalUpdates, last.Loss, last.LearningRate, position.ElapsedSeconds,
            position.Epochs.Count == 0 ? null : position.Epochs[^1]));
    }
}

using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using TorchSharp;
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
    /// <summary>Trains <paramref name="objective"/>'s model on <paramref name="train"/> as <paramref name="options"/> say.</summary>
    /// <param name="objective">The model and a loss with mean reduction; the model is moved to the current device.</param>
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
        Objective objective,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new TrainingSession(objective, train, test, options).Train(progress, cancellationToken);

    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> as <paramref name="options"/> say (a shorthand for the <see cref="Objective"/> overload, which also takes a cancellation token).</summary>
    /// <param name="model">The model; it is moved to the current device.</param>
    /// <param name="loss">A loss with mean reduction, for example <c>nn.CrossEntropyLoss()</c>.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">An optional held-out set, evaluated at the end of each epoch.</param>
    /// <param name="options">Batch size, budget, optimiser, schedule, seed.</param>
    /// <param name="progress">Optional: receives a report after every update.</param>
    /// <returns>The run's records.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="ArgumentException">The data does not fit the model.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite, or rose above the divergence threshold.</exception>
    public static TrainingRun Train(
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null) =>
        Train(new Objective(model, loss), train, test, options, progress);

    /// <summary>
    /// Continues the run saved in <paramref name="checkpointDirectory"/>: restores the weights, the optimizer state and torch's random state,
    /// and goes on from the saved update, so the curve continues exactly where it stopped. The budget may be larger than the saved run's.
    /// For cancellation, use <see cref="TrainingSession.Resume"/>.
    /// </summary>
    /// <param name="checkpointDirectory">A folder written by a run with <see cref="TrainingOptions.Checkpoint"/> set.</param>
    /// <param name="objective">A model of the same architecture (its weights are replaced), and the same loss.</param>
    /// <param name="train">The same training set.</param>
    /// <param name="test">The same test set, or null.</param>
    /// <param name="options">The same batch size, seed, accumulation and last-batch choice; the budget may grow.</param>
    /// <param name="progress">Optional progress receiver.</param>
    /// <exception cref="FileNotFoundException">No checkpoint in the folder.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged (unreadable state.json, a missing or corrupt weights file, weights of other shapes than the model's); the message names the file.</exception>
    /// <exception cref="ArgumentException">The options differ from the checkpoint's in a way that would change the curve.</exception>
    public static TrainingRun Resume(
        string checkpointDirectory,
        Objective objective,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null) =>
        new TrainingSession(objective, train, test, options).Resume(checkpointDirectory, progress);

    /// <summary>Continues the run saved in <paramref name="checkpointDirectory"/> (a shorthand for the <see cref="Objective"/> overload, which also takes a progress receiver).</summary>
    /// <param name="checkpointDirectory">A folder written by a run with <see cref="TrainingOptions.Checkpoint"/> set.</param>
    /// <param name="model">A model of the same architecture (its weights are replaced).</param>
    /// <param name="loss">The same loss.</param>
    /// <param name="train">The same training set.</param>
    /// <param name="test">The same test set, or null.</param>
    /// <param name="options">The same batch size, seed, accumulation and last-batch choice; the budget may grow.</param>
    /// <exception cref="FileNotFoundException">No checkpoint in the folder.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged; the message names the file.</exception>
    /// <exception cref="ArgumentException">The options differ from the checkpoint's in a way that would change the curve.</exception>
    public static TrainingRun Resume(
        string checkpointDirectory,
        nn.Module<Tensor, Tensor> model,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        TrainingOptions options) =>
        Resume(checkpointDirectory, new Objective(model, loss), train, test, options);

    /// <summary>Mean loss and accuracy of <paramref name="objective"/>'s model over <paramref name="data"/>, in evaluation mode, without gradients.</summary>
    /// <param name="objective">The model and a loss with mean reduction.</param>
    /// <param name="data">The set to measure.</param>
    /// <param name="batchSize">Samples per forward pass, at least 1; defaults to 4,096.</param>
    /// <returns>The mean loss, and the share classified correctly (NaN for numeric targets).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data does not fit the model (feature width, or a label outside the model's classes).</exception>
    public static (double Loss, double Accuracy) Evaluate(Objective objective, TensorDataSet data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"batchSize must be at least 1; got {batchSize}."));
        }

        objective.EnsureFits(data, nameof(data), "the data set");
        return objective.Translate(data, () => Measure(objective, data, batchSize));
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> over <paramref name="data"/> (a shorthand for the <see cref="Objective"/> overload).</summary>
    /// <param name="model">The model.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="data">The set to measure.</param>
    /// <param name="batchSize">Samples per forward pass, at least 1; defaults to 4,096.</param>
    /// <returns>The mean loss, and the share classified correctly (NaN for numeric targets).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data does not fit the model.</exception>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, int batchSize = 4096) =>
        Evaluate(new Objective(model, loss), data, batchSize);

    /// <summary>Mean loss and accuracy over data already checked against the model, batch by batch on the device.</summary>
    internal static (double Loss, double Accuracy) Measure(Objective objective, TensorDataSet data, int batchSize)
    {
        var model = objective.Model;
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
                lossSum += objective.Loss.forward(outputs, labels).item<float>() * length;
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
}

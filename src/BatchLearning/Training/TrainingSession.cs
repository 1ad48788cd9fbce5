using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using TorchSharp.Modules;

namespace BatchLearning.Training;

/// <summary>
/// One training run's set-up, checked once: the objective, the data and the options. <see cref="Train"/> starts the run afresh,
/// <see cref="Resume"/> continues a saved one; both go through the same set-up (model on the device, optimiser, the training loop).
/// </summary>
/// <remarks><see cref="Trainer.Train(Objective, TensorDataSet, TensorDataSet?, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/> is the short way in.</remarks>
public sealed class TrainingSession
{
    /// <summary>Checks the options against the training set, and both sets against the model.</summary>
    /// <param name="objective">The model and its loss; the model is moved to <see cref="TorchRuntime.Device"/> when training starts.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">An optional held-out set, evaluated whenever the training set is.</param>
    /// <param name="options">Batch size, budget, optimiser, schedule, seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range (for example a batch size of 0, or above the training-set size).</exception>
    /// <exception cref="ArgumentException">The data does not fit the model (feature width, or a label outside the model's classes); the message says which.</exception>
    public TrainingSession(Objective objective, TensorDataSet train, TensorDataSet? test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(train.Count);
        objective.EnsureFits(train, nameof(train), "the training set");
        if (test is not null)
        {
            objective.EnsureFits(test, nameof(test), "the test set");
        }

        Objective = objective;
        TrainingSet = train;
        TestSet = test;
        Options = options;
    }

    /// <summary>The model and its loss.</summary>
    public Objective Objective { get; }

    /// <summary>The training set.</summary>
    public TensorDataSet TrainingSet { get; }

    /// <summary>The held-out set, or null.</summary>
    public TensorDataSet? TestSet { get; }

    /// <summary>The run's options, checked against <see cref="TrainingSet"/>.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Trains from the start: seeds torch with <see cref="TrainingOptions.Seed"/>, then trains for the whole budget.</summary>
    /// <param name="progress">Optional: receives a report after every update.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The run's records.</returns>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite, or rose above the divergence threshold.</exception>
    /// <exception cref="TrainingCancelledException">Cancelled; the exception's Run holds what was recorded.</exception>
    public TrainingRun Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.Seed(Options.Seed);
        return Run(_ => new TrainingPosition(), progress, cancellationToken);
    }

    /// <summary>
    /// Continues the run saved in <paramref name="checkpointDirectory"/>: restores the weights, the optimizer state and torch's random state,
    /// and goes on from the saved update, so the curve continues exactly where it stopped.
    /// </summary>
    /// <param name="checkpointDirectory">A folder written by a run with <see cref="TrainingOptions.Checkpoint"/> set.</param>
    /// <param name="progress">Optional progress receiver.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="FileNotFoundException">No checkpoint in the folder.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged; the message names the file.</exception>
    /// <exception cref="ArgumentException">The options differ from the checkpoint's in a way that would change the curve.</exception>
    public TrainingRun Resume(string checkpointDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var checkpoint = TrainingCheckpoint.Load(checkpointDirectory);
        checkpoint.EnsureMatches(Options, TrainingSet.Count);
        TorchRuntime.Initialize();
        return Run(
            optimizer =>
            {
                checkpoint.Restore(checkpointDirectory, Objective.Model, optimizer);
                return checkpoint.Position;
            },
            progress,
            cancellationToken);
    }

    // The set-up Train and Resume share: the model on the device, a fresh optimiser, the starting position, the training set on the device.
    private TrainingRun Run(Func<OptimizerHelper, TrainingPosition> start, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        Objective.MoveToDevice();
        using var optimizer = Options.Optimizer.Create(Objective.Model.parameters());
        var position = start(optimizer);
        return Objective.Translate(TrainingSet, () => Objective.OnDevice(
            TrainingSet, train => new TrainingLoop(this, train, optimizer, position, progress, cancellationToken).Run()));
    }
}

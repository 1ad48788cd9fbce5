using BatchLearning.Data;
using BatchLearning.Memory;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Experiments;

/// <summary>
/// Runs batch sizes x learning rates x seeds on the trainer. Each run seeds torch with its seed, builds a fresh model, and trains it;
/// a run whose loss becomes NaN or infinite is kept as diverged (with what it recorded) and the grid goes on. The same seeds give identical results.
/// </summary>
public static class ExperimentGrid
{
    /// <summary>Runs the grid.</summary>
    /// <param name="createObjective">Builds a fresh model with its loss; called right after seeding, so the model's initial weights follow the run's seed.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set, or null.</param>
    /// <param name="options">The grid.</param>
    /// <param name="progress">Optional progress of each run.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">An empty list of batch sizes, learning rates or seeds.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size or learning rate outside its range (checked before any run starts).</exception>
    public static GridResults Run(
        Func<Objective> createObjective,
        TensorDataSet train,
        TensorDataSet? test,
        GridOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createObjective);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cells = options.BatchSizes.SelectMany(batchSize => options.LearningRates.Select(learningRate => (batchSize, learningRate))).ToList();
        foreach (var (batchSize, learningRate) in cells)
        {
            options.RunOptions(batchSize, learningRate, options.Seeds[0]).Validate(train.Count);
        }

        var runs = new List<GridRun>();
        foreach (var (batchSize, learningRate) in cells)
        {
            foreach (var seed in options.Seeds)
            {
                runs.Add(RunOne(createObjective, train, test, options.RunOptions(batchSize, learningRate, seed), progress, cancellationToken));
            }
        }

        return new GridResults(runs);
    }

    /// <summary>Runs the grid (a shorthand for the <see cref="Objective"/> overload, which also takes a cancellation token).</summary>
    /// <param name="createModel">Builds a fresh model; called right after seeding, so its initial weights follow the run's seed.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set, or null.</param>
    /// <param name="options">The grid.</param>
    /// <param name="progress">Optional progress of each run.</param>
    /// <exception cref="ArgumentException">An empty list of batch sizes, learning rates or seeds.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size or learning rate outside its range (checked before any run starts).</exception>
    public static GridResults Run(
        Func<nn.Module<Tensor, Tensor>> createModel,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        GridOptions options,
        IProgress<TrainingProgress>? progress = null) =>
        Run(Objective.Factory(createModel, loss), train, test, options, progress);

    // One run: seeds torch, builds the model, trains it; a diverged run is kept with what it recorded.
    private static GridRun RunOne(
        Func<Objective> createObjective, TensorDataSet train, TensorDataSet? test, TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (batchSize, learningRate, seed) = (options.BatchSize, options.Optimizer.LearningRate, options.Seed);
        TorchRuntime.Seed(seed);
        var objective = createObjective();
        using var model = objective.Model;
        try
        {
            return new GridRun(batchSize, learningRate, seed, Trainer.Train(objective, train, test, options, progress, cancellationToken), Diverged: false);
        }
        catch (TrainingDivergedException diverged)
        {
            return new GridRun(batchSize, learningRate, seed, diverged.Run, Diverged: true);
        }
    }
}

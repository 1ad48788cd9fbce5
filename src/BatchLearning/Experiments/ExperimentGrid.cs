using System.Globalization;
using BatchLearning.Data;
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
    /// <param name="createModel">Builds a fresh model; called right after seeding, so its initial weights follow the run's seed.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set, or null.</param>
    /// <param name="options">The grid.</param>
    /// <param name="progress">Optional progress of each run.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">An empty list of batch sizes, learning rates or seeds.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size or learning rate outside its range (checked before any run starts).</exception>
    public static GridResults Run(
        Func<nn.Module<Tensor, Tensor>> createModel,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet train,
        TensorDataSet? test,
        GridOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var settings = options.BatchSizes.SelectMany(b => options.LearningRates.Select(lr => Options(options, b, lr, options.Seeds[0]))).ToList();
        foreach (var setting in settings)
        {
            setting.Validate(train.Count);
        }

        var runs = new List<GridRun>();
        foreach (var batchSize in options.BatchSizes)
        {
            foreach (var learningRate in options.LearningRates)
            {
                foreach (var seed in options.Seeds)
                {
                    var runOptions = Options(options, batchSize, learningRate, seed);
                    TorchRuntime.Seed(seed);
                    using var model = createModel();
                    try
                    {
                        runs.Add(new GridRun(batchSize, learningRate, seed, Trainer.Train(model, loss, train, test, runOptions, progress, cancellationToken), Diverged: false));
                    }
                    catch (TrainingDivergedException diverged)
                    {
                        runs.Add(new GridRun(batchSize, learningRate, seed, diverged.Run, Diverged: true));
                    }
                }
            }
        }

        return new GridResults(runs);
    }

    private static TrainingOptions Options(GridOptions grid, int batchSize, double learningRate, long seed) =>
        new(batchSize, grid.Budget, new OptimizerSettings(grid.Optimizer, learningRate))
        {
            Seed = seed,
            Scaling = grid.Scaling,
            Schedule = grid.Schedule,
            EvaluateEveryUpdates = grid.EvaluateEveryUpdates,
            NoiseScale = grid.NoiseScale is { } noise && noise.BigBatchSize > batchSize ? noise : null,
            // The name shows the rate the run trains at (after batch-size scaling), as the progress line does.
            Name = string.Create(CultureInfo.InvariantCulture, $"batch {batchSize}, lr {grid.Scaling?.LearningRate(learningRate, batchSize) ?? learningRate:G3}, seed {seed}"),
        };
}

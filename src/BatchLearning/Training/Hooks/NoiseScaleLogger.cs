using BatchLearning.Data;
using BatchLearning.Gradients;
using TorchSharp;
using BatchLearning.Models;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>
/// Logs the two-batch gradient measurement every <see cref="NoiseScaleOptions.EveryUpdates"/> updates: the squared gradient norm of a big batch
/// drawn for that update (its own seeded draw, so the shuffle is untouched) and of the training batch, at the same weights.
/// </summary>
internal sealed class NoiseScaleLogger(Objective objective, TensorDataSet train, NoiseScaleOptions noise, long seed)
{
    /// <summary>Before the update's backward pass: the big batch's squared gradient norm when a measurement is due, else null. Weights do not change.</summary>
    public double? BigBatchSquaredNorm(int update)
    {
        if (update % noise.EveryUpdates != 0)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator(SeedMixer.Mix(seed, 1_000_000L + update), CPU);
        var rows = randperm(train.Count, generator: generator).narrow(0, 0, noise.BigBatchSize).to(train.Features.device);
        return GradientNoise.SquaredGradientNorm(objective, train.Features.index_select(0, rows), train.Labels.index_select(0, rows));
    }

    /// <summary>After the update's backward pass: records the pair when a measurement was due.</summary>
    public void Record(TrainingPosition position, int update, int batchSize, double? bigBatchSquaredNorm)
    {
        if (bigBatchSquaredNorm is { } big)
        {
            position.RecordNoiseScale(new NoiseScaleSample(update, batchSize, noise.BigBatchSize, GradientNoise.SquaredNormOfGradients(objective.Model), big));
        }
    }
}

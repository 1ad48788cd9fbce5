using BatchLearning.Data;
using BatchLearning.Memory;
using BatchLearning.Models;
using BatchLearning.Training;
using static TorchSharp.torch;

namespace BatchLearning.BatchSizing;

/// <summary>
/// "Which batch size should I train my model with?" for any TorchSharp model: measures each candidate's peak memory and training speed, and recommends
/// the smallest batch within a memory budget that is nearly as fast as the fastest (a larger one buys little speed and fewer updates per epoch).
/// </summary>
public static class BatchSizeAdvisor
{
    /// <summary>Tries <paramref name="batchSizes"/> (default: powers of two from 8 up to the data set, at most 1,024) and recommends one.</summary>
    /// <param name="createObjective">Builds a fresh model (your model) with its loss for each trial.</param>
    /// <param name="data">Training data; each trial trains on its first batches.</param>
    /// <param name="budgetBytes">The memory budget of one training step, above 0.</param>
    /// <param name="batchSizes">Batch sizes to try, each from 1 to the data-set size; at least one.</param>
    /// <param name="speedShare">The share of the fastest speed the recommendation must reach, in (0, 1]; defaults to 0.9.</param>
    /// <exception cref="ArgumentOutOfRangeException">A budget, batch size or share out of range.</exception>
    /// <exception cref="InvalidOperationException">No size tried fits the budget (the message names the smallest peak).</exception>
    public static BatchSizeAdvice Advise(
        Func<Objective> createObjective, TensorDataSet data, long budgetBytes, IEnumerable<int>? batchSizes = null, double speedShare = 0.9)
    {
        ArgumentNullException.ThrowIfNull(createObjective);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        if (!(speedShare > 0 && speedShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(speedShare), speedShare, "The speed share must be in (0, 1], for example 0.9.");
        }

        var sizes = MiniBatches.ValidateBatchSizes(data.Count, batchSizes ?? DefaultSizes(data.Count));
        var memory = TrainingMemory.Measure(createObjective, data, sizes);
        var candidates = sizes.Zip(memory, (size, m) => new BatchSizeCandidate(
            size, SamplesPerSecond(createObjective, data, size), m.PeakMegabytes, m.PeakBytes <= budgetBytes)).ToList();
        var fitting = candidates.Where(c => c.FitsBudget).ToList();
        if (fitting.Count == 0)
        {
            throw new InvalidOperationException(
                $"No batch size tried fits {budgetBytes / 1048576.0:0.0} MiB: the smallest peak was {candidates.Min(c => c.PeakMegabytes):0.0} MiB. Raise the budget or try smaller sizes.");
        }

        var fastest = fitting.MaxBy(c => c.SamplesPerSecond)!;
        var recommended = fitting.First(c => c.SamplesPerSecond >= speedShare * fastest.SamplesPerSecond);
        return new BatchSizeAdvice(candidates, recommended, fastest, speedShare, budgetBytes / 1048576.0);
    }

    /// <summary>Tries <paramref name="batchSizes"/> and recommends one (a shorthand for the <see cref="Objective"/> overload).</summary>
    /// <param name="createModel">Builds a fresh model for each trial (your model).</param>
    /// <param name="loss">Its loss.</param>
    /// <param name="data">Training data; each trial trains on its first batches.</param>
    /// <param name="budgetBytes">The memory budget of one training step, above 0.</param>
    /// <param name="batchSizes">Batch sizes to try, each from 1 to the data-set size; at least one.</param>
    /// <param name="speedShare">The share of the fastest speed the recommendation must reach, in (0, 1]; defaults to 0.9.</param>
    /// <exception cref="ArgumentOutOfRangeException">A budget, batch size or share out of range.</exception>
    /// <exception cref="InvalidOperationException">No size tried fits the budget (the message names the smallest peak).</exception>
    public static BatchSizeAdvice Advise(
        Func<nn.Module<Tensor, Tensor>> createModel,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet data,
        long budgetBytes,
        IEnumerable<int>? batchSizes = null,
        double speedShare = 0.9) =>
        Advise(Objective.Factory(createModel, loss), data, budgetBytes, batchSizes, speedShare);

    private static IEnumerable<int> DefaultSizes(int count)
    {
        var largest = Math.Min(count, 1024);
        for (var size = Math.Min(8, largest); size <= largest; size *= 2)
        {
            yield return size;
        }
    }

    // Enough updates to see about 2,048 samples (at least 3 after the first), timed from the end of the first update.
    private static double SamplesPerSecond(Func<Objective> createObjective, TensorDataSet data, int size)
    {
        var updates = Math.Max(4, 1 + (int)Math.Ceiling(2048.0 / size));
        var objective = createObjective();
        using var model = objective.Model;
        var run = Trainer.Train(objective, data, null, new TrainingOptions(size, TrainingBudget.OfUpdates(updates), OptimizerSettings.Sgd(0.01)));
        var timed = run.Updates.Skip(1).ToList();
        var seconds = run.Updates[^1].ElapsedSeconds - run.Updates[0].ElapsedSeconds;
        return seconds <= 0 ? double.PositiveInfinity : timed.Sum(u => (double)u.BatchSize) / seconds;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Memory;

/// <summary>
/// Finds the largest batch that trains within a limit, the way PyTorch Lightning's BatchSizeFinder does in "binsearch" mode:
/// double the batch until a trial fails, then binary-search between the last success and the first failure. A trial that runs out of
/// memory counts as a failure (the memory is released and the search goes on). On a CPU, which rarely runs out, the limit is a budget in bytes.
/// </summary>
public static class BatchSizeFinder
{
    /// <summary>Searches with any trial.</summary>
    /// <param name="tryBatch">Runs a trial at a batch size: returns whether it fits and what was measured; may throw an out-of-memory error (counted as not fitting).</param>
    /// <param name="initial">The first batch size tried, from 1; defaults to 2 (Lightning's default).</param>
    /// <param name="maximum">The largest batch size to consider (for example the data-set size), at least <paramref name="initial"/>.</param>
    /// <exception cref="InvalidOperationException">Not even a batch of 1 fits; the message gives each trial's detail (no answer of 0 is returned).</exception>
    public static BatchSizeSearch Find(Func<int, (bool Fits, string Detail)> tryBatch, int initial, int maximum)
    {
        ArgumentNullException.ThrowIfNull(tryBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 1);
        if (maximum < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, string.Create(CultureInfo.InvariantCulture, $"maximum must be at least initial ({initial})."));
        }

        var trials = new List<BatchSizeTrial>();
        bool Fits(int batchSize) => Trial(tryBatch, batchSize, trials);
        var (good, bad) = GrowUntilFailure(Fits, initial, maximum);
        while (bad - good > 1)
        {
            var middle = good + (bad - good) / 2;
            if (Fits(middle))
            {
                good = middle;
            }
            else
            {
                bad = middle;
            }
        }

        return good > 0
            ? new BatchSizeSearch(good, trials)
            : throw new InvalidOperationException(
                $"Not even a batch of 1 fits ({trials[^1].Detail}), so there is no batch size to give; raise the budget or shrink the model. Trials: {string.Join("; ", trials.Select(t => $"{t.BatchSize}: {t.Detail}"))}.");
    }

    /// <summary>
    /// The largest batch whose training steps stay within <paramref name="budgetBytes"/> of peak memory (measured as in <see cref="TrainingMemory"/>).
    /// </summary>
    /// <param name="createObjective">Builds a fresh model with its loss for each trial.</param>
    /// <param name="data">Where batches come from; the data-set size is the largest batch considered.</param>
    /// <param name="budgetBytes">The memory budget, above 0.</param>
    /// <param name="optimizer">The optimiser; defaults to SGD with momentum and learning rate 0.01.</param>
    /// <param name="initial">The first batch size tried, from 1; defaults to 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetBytes"/> is below 1, or an optimiser setting is out of range.</exception>
    public static BatchSizeSearch ForMemoryBudget(
        Func<Objective> createObjective, TensorDataSet data, long budgetBytes, OptimizerSettings? optimizer = null, int initial = 2)
    {
        ArgumentNullException.ThrowIfNull(createObjective);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        Guard.InRange(data.Count, 1, int.MaxValue, "data.Count");
        optimizer ??= OptimizerSettings.SgdWithMomentum(0.01);
        optimizer.Validate();
        return Find(
            size =>
            {
                var peak = TrainingMemory.PeakOfSteps(createObjective, data, size, optimizer, steps: 2);
                return (peak <= budgetBytes, string.Create(CultureInfo.InvariantCulture, $"peak {peak / 1048576.0:0.0} MiB of {budgetBytes / 1048576.0:0.0} MiB"));
            },
            Math.Min(initial, data.Count),
            data.Count);
    }

    /// <summary>
    /// The largest batch whose training steps stay within <paramref name="budgetBytes"/> of peak memory (a shorthand for the <see cref="Objective"/> overload).
    /// </summary>
    /// <param name="createModel">Builds a fresh model for each trial.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="data">Where batches come from; the data-set size is the largest batch considered.</param>
    /// <param name="budgetBytes">The memory budget, above 0.</param>
    /// <param name="optimizer">The optimiser; defaults to SGD with momentum and learning rate 0.01.</param>
    /// <param name="initial">The first batch size tried, from 1; defaults to 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetBytes"/> is below 1, or an optimiser setting is out of range.</exception>
    public static BatchSizeSearch ForMemoryBudget(
        Func<nn.Module<Tensor, Tensor>> createModel,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet data,
        long budgetBytes,
        OptimizerSettings? optimizer = null,
        int initial = 2) =>
        ForMemoryBudget(Objective.Factory(createModel, loss), data, budgetBytes, optimizer, initial);

    // Doubles the batch from `initial` until a trial fails or `maximum` fits: the last size that fitted (0 for none) and the first that failed (maximum + 1 for none).
    private static (int Good, int Bad) GrowUntilFailure(Func<int, bool> fits, int initial, int maximum)
    {
        var good = 0;
        for (var size = initial; ; size = (int)Math.Min((long)size * 2, maximum))
        {
            if (!fits(size))
            {
                return (good, size);
            }

            good = size;
            if (size == maximum)
            {
                return (good, maximum + 1);
            }
        }
    }

    // One trial, recorded; an out-of-memory error counts as not fitting (the memory is released first).
    private static bool Trial(Func<int, (bool Fits, string Detail)> tryBatch, int batchSize, List<BatchSizeTrial> trials)
    {
        BatchSizeTrial trial;
        try
        {
            var (fits, detail) = tryBatch(batchSize);
            trial = new BatchSizeTrial(batchSize, fits, detail);
        }
        catch (Exception error) when (IsOutOfMemory(error))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            trial = new BatchSizeTrial(batchSize, false, "out of memory: " + error.Message.Split('\n')[0]);
        }

        trials.Add(trial);
        return trial.Fits;
    }

    private static bool IsOutOfMemory(Exception error) =>
        error is OutOfMemoryException || ((error is ExternalException or InvalidOperationException) && error.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase));
}

using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>
/// Splits a data set into mini-batches for one epoch: a new random order every epoch, derived from the seed and the epoch
/// number (so epoch 7 of a resumed run sees the same order as epoch 7 of an uninterrupted one), batches gathered by tensor indexing.
/// </summary>
public static class MiniBatches
{
    /// <summary>The number of batches in one epoch.</summary>
    /// <param name="count">Samples in the set, at least 1.</param>
    /// <param name="batchSize">Samples per batch, from 1 to <paramref name="count"/>.</param>
    /// <param name="lastBatch">Whether a last, smaller batch is kept or dropped.</param>
    public static int PerEpoch(int count, int batchSize, LastBatch lastBatch = LastBatch.Keep)
    {
        ValidateBatchSize(count, batchSize);
        return CountPerEpoch(count, batchSize, lastBatch);
    }

    /// <summary>The number of batches in one epoch, for a batch size already checked against the set (see <see cref="ValidateBatchSize"/>).</summary>
    internal static int CountPerEpoch(int count, int batchSize, LastBatch lastBatch) =>
        lastBatch == LastBatch.Keep ? (count + batchSize - 1) / batchSize : count / batchSize;

    /// <summary>The sample order of one epoch: a permutation of 0..count-1, the same for the same seed and epoch.</summary>
    /// <param name="count">Samples in the set.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="epoch">The epoch number, from 1.</param>
    /// <param name="device">Where the permutation is made; defaults to the CPU.</param>
    public static Tensor Order(int count, long seed, int epoch, Device? device = null)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"count must be at least 1 (samples in the set); got {count}."));
        }

        if (epoch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, string.Create(CultureInfo.InvariantCulture, $"epoch must be at least 1 (epochs are counted from 1); got {epoch}."));
        }

        device ??= CPU;
        using var generator = new Generator(SeedMixer.Mix(seed, epoch), CPU);
        using var order = randperm(count, generator: generator);
        return order.to(device);
    }

    /// <summary>
    /// The mini-batches of one epoch, in a shuffled order. The batches' tensors belong to the caller's dispose scope.
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="batchSize">
    /// Samples per batch, from 1 to the set size (the set size means full-batch training). A larger size is refused rather than
    /// quietly capped, so a typo cannot turn mini-batch training into full-batch training.
    /// </param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="epoch">The epoch number, from 1: each epoch has its own order.</param>
    /// <param name="lastBatch">Keep (the default) or drop a last, smaller batch.</param>
    /// <param name="skip">Batches to skip at the start (to resume in the middle of an epoch); defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1 or above the set size.</exception>
    public static IEnumerable<MiniBatch> Epoch(TensorDataSet data, int batchSize, long seed, int epoch, LastBatch lastBatch = LastBatch.Keep, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var batches = PerEpoch(data.Count, batchSize, lastBatch);
        if (skip < 0 || skip > batches)
        {
            throw new ArgumentOutOfRangeException(nameof(skip), skip,
                string.Create(CultureInfo.InvariantCulture, $"skip must be from 0 to the epoch's {batches} batches; got {skip}."));
        }

        if (epoch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, string.Create(CultureInfo.InvariantCulture, $"epoch must be at least 1 (epochs are counted from 1); got {epoch}."));
        }

        return Shuffled(data, batchSize, seed, epoch, batches, skip);
    }

    /// <summary>
    /// The batches of one epoch from <paramref name="skip"/> on, for settings already checked (the trainer checks its options once, at the start).
    /// </summary>
    internal static IEnumerable<MiniBatch> Shuffled(TensorDataSet data, int batchSize, long seed, int epoch, int batches, int skip)
    {
        // The order is made now and owned by the iterator (not by whatever dispose scope is open when a batch is drawn).
        var order = Order(data.Count, seed, epoch, data.Features.device).DetachFromDisposeScope();
        return Iterate(data, batchSize, order, batches, skip);
    }

    private static IEnumerable<MiniBatch> Iterate(TensorDataSet data, int batchSize, Tensor order, int batches, int skip)
    {
        using (order)
        {
            for (var index = skip; index < batches; index++)
            {
                var start = (long)index * batchSize;
                var length = Math.Min(batchSize, data.Count - start);
                using var rows = order.narrow(0, start, length);
                yield return new MiniBatch(index, data.Features.index_select(0, rows), data.Labels.index_select(0, rows));
            }
        }
    }

    /// <summary>Checks a list of batch sizes against a set of <paramref name="count"/> samples: at least one, each from 1 to the set size.</summary>
    internal static List<int> ValidateBatchSizes(int count, IEnumerable<int> batchSizes)
    {
        var sizes = batchSizes.ToList();
        if (sizes.Count == 0)
        {
            throw new ArgumentException("Give at least one batch size.", nameof(batchSizes));
        }

        foreach (var size in sizes)
        {
            ValidateBatchSize(count, size);
        }

        return sizes;
    }

    internal static void ValidateBatchSize(int count, int batchSize)
    {
        if (count < 1)
        {
            throw new ArgumentException("The data set is empty: give at least 1 sample.", nameof(count));
        }

        if (batchSize < 1 || batchSize > count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batchSize), batchSize,
                string.Create(CultureInfo.InvariantCulture, $"batchSize must be from 1 to the set size, {count} (which means full-batch training); it is not capped. Got {batchSize}."));
        }
    }
}

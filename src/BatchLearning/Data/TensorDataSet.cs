using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>
/// A data set held in memory as two tensors: <see cref="Features"/> (one row per sample) and <see cref="Labels"/>
/// (class indices as int64 for classification, or floating-point targets for regression), with the same number of rows.
/// </summary>
/// <remarks>The data set owns its tensors: dispose it (or let the notebook's kernel end) to free them.</remarks>
public sealed class TensorDataSet : IDisposable
{
    /// <summary>A data set from features and labels, checked: at least one row, the same row count, finite features.</summary>
    /// <param name="features">One row per sample (any shape whose first dimension is the sample).</param>
    /// <param name="labels">One label per sample: int64 class indices, or floating-point targets.</param>
    /// <exception cref="ArgumentException">No rows, different row counts, a feature or target that is NaN or infinite, or a negative class label (the message names the row).</exception>
    public TensorDataSet(Tensor features, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.dim() == 0 || features.shape[0] == 0)
        {
            throw new ArgumentException("features has no rows: a data set needs at least 1 sample.", nameof(features));
        }

        if (labels.dim() == 0 || labels.shape[0] != features.shape[0])
        {
            var labelRows = labels.dim() == 0 ? 0 : labels.shape[0];
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"features has {features.shape[0]} rows but labels has {labelRows}; give one label per sample."),
                nameof(labels));
        }

        if (features.is_floating_point())
        {
            EnsureFinite(features, nameof(features), "feature");
        }

        if (labels.is_floating_point())
        {
            EnsureFinite(labels, nameof(labels), "target");
        }
        else if (labels.dtype != ScalarType.Bool)
        {
            EnsureNoNegativeLabel(labels);
        }

        Features = features;
        Labels = labels;
    }

    // Refuses NaN or infinity, naming the first row that holds one.
    private static void EnsureFinite(Tensor values, string name, string what)
    {
        using var finite = values.isfinite().all();
        if (!finite.item<bool>())
        {
            using var firstBad = values.isfinite().logical_not().reshape(values.shape[0], -1).any(1).nonzero()[0, 0];
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} row {firstBad.item<long>()} holds NaN or infinity; every {what} must be a finite number."),
                name);
        }
    }

    private static void EnsureNoNegativeLabel(Tensor labels)
    {
        using var negative = labels.lt(0);
        using var anyNegative = negative.any();
        if (anyNegative.item<bool>())
        {
            using var firstBad = negative.reshape(labels.shape[0], -1).any(1).nonzero()[0, 0];
            using var value = labels[firstBad.item<long>()].flatten().min();
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Label {value.ToInt64()} at row {firstBad.item<long>()} is negative; class labels are numbered from 0."),
                nameof(labels));
        }
    }

    /// <summary>One row per sample.</summary>
    public Tensor Features { get; }

    /// <summary>One label per sample.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => checked((int)Features.shape[0]);

    /// <summary>The number of values in one sample's features (the product of every dimension after the first).</summary>
    public long FeatureCount => Features.shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>True when the labels are class indices (an integer tensor), so accuracy can be measured.</summary>
    public bool HasClassLabels => !Labels.is_floating_point();

    /// <summary>The number of classes (largest label + 1), or 0 for floating-point targets.</summary>
    public int ClassCount
    {
        get
        {
            if (!HasClassLabels)
            {
                return 0;
            }

            using var largest = Labels.max();
            return checked((int)largest.item<long>() + 1);
        }
    }

    /// <summary>The samples at <paramref name="indices"/> (a tensor of row numbers), gathered in one indexing call.</summary>
    public TensorDataSet Subset(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new TensorDataSet(Features.index_select(0, indices), Labels.index_select(0, indices));
    }

    /// <summary>A copy of the set on <paramref name="device"/> (this set when already there).</summary>
    public TensorDataSet To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Features.device == device ? this : new TensorDataSet(Features.to(device), Labels.to(device));
    }

    /// <summary>
    /// A seeded random split into disjoint train and test sets: the same seed gives the same split.
    /// </summary>
    /// <param name="testFraction">The share of samples for the test set, above 0 and below 1 (for example 0.2); each side gets at least one sample.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not between 0 and 1, or the set is too small to split.</exception>
    public DataSplit Split(double testFraction, long seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be above 0 and below 1, for example 0.2.");
        }

        if (Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), "A set of 1 sample cannot be split; give at least 2.");
        }

        var testCount = Math.Clamp((int)Math.Round(Count * testFraction), 1, Count - 1);
        using var generator = new Generator(SeedMixer.Mix(seed, 0x5EED_5B17), CPU);
        using var shuffled = randperm(Count, generator: generator);
        using var order = shuffled.to(Features.device);
        return new DataSplit(Subset(order.narrow(0, testCount, Count - testCount)), Subset(order.narrow(0, 0, testCount)));
    }

    /// <summary>Frees the two tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} samples x {FeatureCount} features, {(HasClassLabels ? $"{ClassCount} classes" : "numeric targets")}");
}

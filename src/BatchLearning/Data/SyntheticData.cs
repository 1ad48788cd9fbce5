using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>
/// Seeded generators of small classification sets with a known structure, for experiments that must run in seconds.
/// The same seed gives the same set, whatever else the process has drawn from torch.
/// </summary>
public static class SyntheticData
{
    /// <summary>
    /// Gaussian blobs: <paramref name="classes"/> clusters, centres drawn uniformly in [-10, 10] per feature, points spread around each with
    /// standard deviation <paramref name="spread"/>. Classes overlap more as the spread grows.
    /// </summary>
    /// <param name="samples">Samples in all, at least <paramref name="classes"/>; split as evenly as possible over the classes.</param>
    /// <param name="classes">Clusters, from 2 to 1,000.</param>
    /// <param name="features">Dimensions, from 1 to 100,000.</param>
    /// <param name="spread">Standard deviation around a centre, above 0; defaults to 1.</param>
    /// <param name="seed">The seed.</param>
    public static TensorDataSet Blobs(int samples, int classes, int features, double spread = 1.0, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(features, 100_000);
        if (!(spread > 0) || !double.IsFinite(spread))
        {
            throw new ArgumentOutOfRangeException(nameof(spread), spread, "spread must be a finite number above 0.");
        }

        using var generator = new Generator(SeedMixer.Mix(seed, 1), CPU);
        using var centres = rand([classes, features], generator: generator) * 20 - 10;
        using var labels = arange(samples, dtype: ScalarType.Int64) % classes;
        using var noise = randn([samples, features], generator: generator) * spread;
        using var points = centres.index_select(0, labels) + noise;
        using var order = randperm(samples, generator: generator);
        return new TensorDataSet(points.index_select(0, order), labels.index_select(0, order));
    }

    /// <summary>
    /// Interleaved spirals in two dimensions, one arm per class: a set no straight line separates, so a model needs a hidden layer.
    /// </summary>
    /// <param name="samples">Samples in all, at least <paramref name="classes"/>.</param>
    /// <param name="classes">Arms, from 2 to 100.</param>
    /// <param name="noise">Standard deviation of the noise added to each point, from 0; defaults to 0.1.</param>
    /// <param name="seed">The seed.</param>
    public static TensorDataSet Spirals(int samples, int classes = 3, double noise = 0.1, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, classes);
        if (!(noise >= 0) || !double.IsFinite(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be a finite number from 0.");
        }

        using var generator = new Generator(SeedMixer.Mix(seed, 2), CPU);
        using var labels = arange(samples, dtype: ScalarType.Int64) % classes;
        using var radius = rand([samples], generator: generator);
        using var angle = radius * 4 + labels.to_type(ScalarType.Float32) * (2 * Math.PI / classes);
        using var x = radius * cos(angle);
        using var y = radius * sin(angle);
        using var clean = stack([x, y], 1);
        using var jitter = randn([samples, 2], generator: generator) * noise;
        using var points = clean + jitter;
        using var order = randperm(samples, generator: generator);
        return new TensorDataSet(points.index_select(0, order), labels.index_select(0, order));
    }

    /// <summary>
    /// A copy of <paramref name="data"/> in which a <paramref name="fraction"/> of the samples (chosen at random) has a random wrong class:
    /// noisy labels that a model can only memorise, which makes overfitting, and the regularising effect of small batches, visible.
    /// </summary>
    /// <param name="data">A set with class labels.</param>
    /// <param name="fraction">The share of labels to corrupt, from 0 to 1.</param>
    /// <param name="seed">The seed.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no class labels, or fewer than 2 classes.</exception>
    public static TensorDataSet WithLabelNoise(TensorDataSet data, double fraction, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be from 0 to 1.");
        }

        if (!data.HasClassLabels || data.ClassCount < 2)
        {
            throw new ArgumentException("Label noise needs class labels with at least 2 classes.", nameof(data));
        }

        var classes = data.ClassCount;
        using var generator = new Generator(SeedMixer.Mix(seed, 3), CPU);
        var labels = data.Labels.cpu().clone();
        using var corrupt = rand([data.Count], generator: generator).lt(fraction);
        // A shift of 1..classes-1 always lands on a different class.
        using var shift = randint(1, classes, [data.Count], generator: generator);
        using var shifted = (labels + shift) % classes;
        using var noisy = where(corrupt, shifted, labels);
        labels.Dispose();
        return new TensorDataSet(data.Features.clone(), noisy.to(data.Labels.device));
    }
}

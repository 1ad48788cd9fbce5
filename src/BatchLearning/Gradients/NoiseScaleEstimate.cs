using System.Globalization;

namespace BatchLearning.Gradients;

/// <summary>
/// The simple noise scale B_simple = tr(Σ)/|G|² from two-batch samples: each of |G|² and tr(Σ) is averaged over the samples before dividing
/// (a single sample's |G|² estimate can be near zero or negative). McCandlish et al. find the critical batch size near this value.
/// </summary>
/// <param name="GradientSquared">The mean |G|² estimate.</param>
/// <param name="Trace">The mean tr(Σ) estimate.</param>
/// <param name="Samples">Two-batch samples averaged.</param>
/// <param name="Update">The last sample's update (0 outside training).</param>
public sealed record NoiseScaleEstimate(double GradientSquared, double Trace, int Samples, int Update)
{
    /// <summary>B_simple = tr(Σ)/|G|²; NaN when the averaged |G|² is not positive (too few samples, or at a minimum).</summary>
    public double SimpleNoiseScale => GradientSquared > 0 ? Trace / GradientSquared : double.NaN;

    /// <summary>Averages the samples' estimates and divides.</summary>
    /// <exception cref="ArgumentException">No samples, or a null one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sample's small batch is below 1 or not below its big batch, or a squared norm is negative or not finite.</exception>
    public static NoiseScaleEstimate From(IEnumerable<NoiseScaleSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var list = samples.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Give at least one two-batch sample to estimate the noise scale.", nameof(samples));
        }

        for (var i = 0; i < list.Count; i++)
        {
            var sample = list[i] ?? throw new ArgumentException($"Sample {i} is null.", nameof(samples));
            if (sample.SmallBatch < 1 || sample.BigBatch <= sample.SmallBatch)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), sample,
                    $"Sample {i} has batch sizes {sample.SmallBatch} and {sample.BigBatch}: the small batch must be 1 or more and the big batch above it.");
            }

            if (!double.IsFinite(sample.SmallSquaredNorm) || !double.IsFinite(sample.BigSquaredNorm) || sample.SmallSquaredNorm < 0 || sample.BigSquaredNorm < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), sample,
                    $"Sample {i} has squared gradient norms {sample.SmallSquaredNorm} and {sample.BigSquaredNorm}: both must be finite numbers from 0 (a NaN norm means training diverged).");
            }
        }

        return new NoiseScaleEstimate(list.Average(s => s.GradientSquaredEstimate), list.Average(s => s.TraceEstimate), list.Count, list[^1].Update);
    }

    /// <summary>
    /// The noise scale over training: one estimate per full window of <paramref name="window"/> consecutive samples. A last, partial window is left out:
    /// an estimate from a few samples is far noisier than its neighbours (one from 7 samples once came out 13 times the point before it), and a reader
    /// comparing points cannot tell it apart.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1, or there are fewer samples than one window (the message says how many).</exception>
    public static IReadOnlyList<NoiseScaleEstimate> OverTraining(IEnumerable<NoiseScaleSample> samples, int window)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var list = samples.ToList();
        if (list.Count < window)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), list.Count,
                $"There are {list.Count} noise-scale samples, fewer than one window of {window}; log more often (NoiseScaleOptions.EveryUpdates) or train longer.");
        }

        return list.Chunk(window).Where(chunk => chunk.Length == window).Select(chunk => From(chunk)).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"B_simple = {SimpleNoiseScale:0.#} ({Samples} samples)");
}

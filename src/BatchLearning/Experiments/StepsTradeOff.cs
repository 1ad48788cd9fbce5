using System.Globalization;

namespace BatchLearning.Experiments;

/// <summary>
/// McCandlish et al.'s trade-off between steps and batch size, S = S_min (1 + B_noise / B), fitted by least squares to measured steps-to-target:
/// S is linear in 1/B with intercept S_min (the fewest steps any batch size can need) and slope S_min x B_noise.
/// Below B_noise doubling the batch nearly halves the steps; above it, the steps barely fall.
/// </summary>
/// <param name="MinimumSteps">S_min: the steps an infinitely large batch would need.</param>
/// <param name="NoiseScale">B_noise: the batch size at which the steps are twice S_min (the critical batch size).</param>
public sealed record StepsTradeOff(double MinimumSteps, double NoiseScale)
{
    /// <summary>The predicted steps at <paramref name="batchSize"/>, a finite number above 0.</summary>
    public double Steps(double batchSize)
    {
        if (!double.IsFinite(batchSize) || batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be a finite number above 0; got {batchSize}.");
        }

        return MinimumSteps * (1 + NoiseScale / batchSize);
    }

    /// <summary>Fits the trade-off to (batch size, steps) points; points with no steps (target not reached) must be left out.</summary>
    /// <exception cref="ArgumentException">Fewer than two distinct batch sizes, or a batch size or step count below 1.</exception>
    public static StepsTradeOff Fit(IEnumerable<(int BatchSize, int Steps)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        if (list.Any(p => p.BatchSize < 1 || p.Steps < 1))
        {
            throw new ArgumentException("Every point needs a batch size and a step count of at least 1; leave out runs that did not reach the target.", nameof(points));
        }

        if (list.Select(p => p.BatchSize).Distinct().Count() < 2)
        {
            throw new ArgumentException("Fitting the trade-off needs steps at two or more batch sizes.", nameof(points));
        }

        var x = list.Select(p => 1.0 / p.BatchSize).ToList();
        var y = list.Select(p => (double)p.Steps).ToList();
        var meanX = x.Average();
        var meanY = y.Average();
        var slope = x.Zip(y).Sum(p => (p.First - meanX) * (p.Second - meanY)) / x.Sum(v => (v - meanX) * (v - meanX));
        var intercept = meanY - slope * meanX;
        return new StepsTradeOff(intercept, intercept == 0 ? double.NaN : slope / intercept);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"S = {MinimumSteps:0} x (1 + {NoiseScale:0.#} / B)");
}

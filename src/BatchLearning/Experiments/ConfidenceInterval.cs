using System.Globalization;

namespace BatchLearning.Experiments;

/// <summary>
/// A 95% confidence interval for a mean from a few independent runs (seeds): mean ± t(0.975, n - 1) x s / sqrt(n),
/// with s the sample standard deviation and t Student's quantile. With 5 seeds t is 2.776, so the interval is wide: honest for small experiments.
/// </summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="HalfWidth">Half the interval's width: the interval is Mean ± HalfWidth.</param>
/// <param name="Count">n, the number of values.</param>
public sealed record ConfidenceInterval(double Mean, double HalfWidth, int Count)
{
    // Student's t at 0.975 for 1 to 30 degrees of freedom.
    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The sample mean, a finite number.</summary>
    public double Mean { get; init; } = double.IsFinite(Mean)
        ? Mean
        : throw new ArgumentOutOfRangeException(nameof(Mean), Mean, $"Mean must be a finite number; got {Mean}.");

    /// <summary>Half the interval's width, a finite number from 0.</summary>
    public double HalfWidth { get; init; } = double.IsFinite(HalfWidth) && HalfWidth >= 0
        ? HalfWidth
        : throw new ArgumentOutOfRangeException(nameof(HalfWidth), HalfWidth, $"HalfWidth must be a finite number from 0; got {HalfWidth}.");

    /// <summary>n, the number of values, 1 or more.</summary>
    public int Count { get; init; } = Count >= 1
        ? Count
        : throw new ArgumentOutOfRangeException(nameof(Count), Count, $"Count must be 1 or more; got {Count}.");

    /// <summary>The lower end.</summary>
    public double Lower => Mean - HalfWidth;

    /// <summary>The upper end.</summary>
    public double Upper => Mean + HalfWidth;

    /// <summary>The 95% interval of the mean of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 values (a spread needs two seeds), or a value that is not finite.</exception>
    public static ConfidenceInterval Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Count < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A confidence interval needs at least 2 values (seeds); got {list.Count}. Run the experiment with 2 or more seeds (5 or more for a useful interval)."),
                nameof(values));
        }

        var bad = list.FindIndex(v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Value {bad} is {list[bad]}: every value must be a finite number; leave out diverged runs before computing an interval."),
                nameof(values));
        }

        var mean = list.Average();
        var variance = list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1);
        return new ConfidenceInterval(mean, StudentT975(list.Count - 1) * Math.Sqrt(variance / list.Count), list.Count);
    }

    /// <summary>Student's t quantile at 0.975 for <paramref name="degreesOfFreedom"/> (a table to 30, then the Cornish-Fisher expansion around 1.96).</summary>
    internal static double StudentT975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= TQuantiles.Length)
        {
            return TQuantiles[degreesOfFreedom - 1];
        }

        const double z = 1.959964;
        var df = (double)degreesOfFreedom;
        return z + (z * z * z + z) / (4 * df) + (5 * Math.Pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mean:G4} ± {HalfWidth:G3} (95%, n = {Count})");
}

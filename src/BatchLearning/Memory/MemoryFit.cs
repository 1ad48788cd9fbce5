using System.Globalization;

namespace BatchLearning.Memory;

/// <summary>
/// The memory model M(B) = fixed + B x per-sample, fitted by least squares to measurements at several batch sizes. The fixed part is the
/// weights, gradients and optimizer state (8 bytes per parameter for SGD, 12 with momentum, 16 for Adam, in fp32) plus workspace; only the
/// activations (and the batch itself) grow with B.
/// </summary>
/// <param name="FixedBytes">The intercept: memory that does not depend on the batch size.</param>
/// <param name="BytesPerSample">The slope: memory per sample in the batch.</param>
/// <param name="RSquared">How well the line fits the measurements, from 0 to 1 (1 = exactly).</param>
public sealed record MemoryFit(double FixedBytes, double BytesPerSample, double RSquared)
{
    /// <summary>Fits the line to at least two measurements at different batch sizes.</summary>
    /// <exception cref="ArgumentException">Fewer than two distinct batch sizes.</exception>
    public static MemoryFit Fit(IEnumerable<MemoryMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var points = measurements.Select(m => (X: (double)m.BatchSize, Y: (double)m.PeakBytes)).ToList();
        if (points.Select(p => p.X).Distinct().Count() < 2)
        {
            throw new ArgumentException("Fitting M(B) needs measurements at two or more different batch sizes.", nameof(measurements));
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var intercept = meanY - slope * meanX;
        var total = points.Sum(p => (p.Y - meanY) * (p.Y - meanY));
        var residual = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.X), 2));
        return new MemoryFit(intercept, slope, total == 0 ? 1 : 1 - residual / total);
    }

    /// <summary>The predicted memory at <paramref name="batchSize"/>.</summary>
    public double Predict(int batchSize) => FixedBytes + BytesPerSample * batchSize;

    /// <summary>
    /// The largest batch whose predicted memory fits in <paramref name="budgetBytes"/>: floor((budget - fixed) / per-sample); 0 when even the fixed part does not fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetBytes"/> is not above 0.</exception>
    public long LargestBatchWithin(double budgetBytes)
    {
        if (!(budgetBytes > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(budgetBytes), budgetBytes, "budgetBytes must be above 0.");
        }

        if (BytesPerSample <= 0)
        {
            return budgetBytes >= FixedBytes ? long.MaxValue : 0;
        }

        // The small allowance keeps an exact quotient (900 / 10) from rounding down to 89 through floating-point error.
        return Math.Max(0, (long)Math.Floor((budgetBytes - FixedBytes) / BytesPerSample + 1e-9));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"M(B) = {FixedBytes / 1048576:0.0} MiB + B x {BytesPerSample / 1024:0.0} KiB (R² = {RSquared:0.000})");
}

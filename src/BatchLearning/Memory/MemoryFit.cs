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
    /// <exception cref="ArgumentException">Fewer than two distinct batch sizes, a null measurement, or a negative batch size or peak.</exception>
    public static MemoryFit Fit(IEnumerable<MemoryMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var list = measurements.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Measurement {i} is null.", nameof(measurements));
            }

            if (list[i].BatchSize < 0 || list[i].PeakBytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(measurements), list[i],
                    $"Measurement {i} has batch size {list[i].BatchSize} and peak {list[i].PeakBytes} bytes; both must be 0 or more.");
            }
        }

        var points = list.Select(m => (X: (double)m.BatchSize, Y: (double)m.PeakBytes)).ToList();
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

    /// <summary>The predicted memory at <paramref name="batchSize"/> (0 or more).</summary>
    public double Predict(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        return FixedBytes + BytesPerSample * batchSize;
    }

    /// <summary>
    /// The largest batch whose predicted memory fits in <paramref name="budgetBytes"/>: floor((budget - fixed) / per-sample); 0 when even the fixed part does not fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetBytes"/> is not a finite number above 0.</exception>
    /// <exception cref="InvalidOperationException">
    /// The fit has a per-sample slope of 0 or less (or a part that is not finite): the measurements do not show memory growing with the batch size,
    /// so the line cannot say where a budget runs out.
    /// </exception>
    public long LargestBatchWithin(double budgetBytes)
    {
        if (!double.IsFinite(budgetBytes) || budgetBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetBytes), budgetBytes, $"budgetBytes must be a finite number of bytes above 0; got {budgetBytes}.");
        }

        if (!double.IsFinite(BytesPerSample) || !double.IsFinite(FixedBytes) || BytesPerSample <= 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"This fit cannot predict a largest batch: its slope is {BytesPerSample:G4} bytes per sample (fixed part {FixedBytes:G4} bytes). The measurements do not show memory growing with the batch size; measure at batch sizes further apart (for example 32 to 1,024) or with more steps, and fit again."));
        }

        // The small allowance keeps an exact quotient (900 / 10) from rounding down to 89 through floating-point error.
        var batches = Math.Floor((budgetBytes - FixedBytes) / BytesPerSample + 1e-9);
        return batches <= 0 ? 0 : batches >= long.MaxValue ? long.MaxValue : (long)batches;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"M(B) = {FixedBytes / 1048576:0.0} MiB + B x {BytesPerSample / 1024:0.0} KiB (R² = {RSquared:0.000})");
}

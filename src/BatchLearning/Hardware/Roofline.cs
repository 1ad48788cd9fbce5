using System.Globalization;

namespace BatchLearning.Hardware;

/// <summary>
/// The roofline model (Williams, Waterman and Patterson, CACM 2009): attainable speed = min(peak FLOP/s, bandwidth x arithmetic intensity),
/// where arithmetic intensity is floating-point operations per byte moved from memory. Left of the ridge point a computation is memory-bound;
/// right of it, compute-bound.
/// </summary>
/// <param name="PeakGigaflopsPerSecond">The compute ceiling, for example the measured matrix-product speed.</param>
/// <param name="BandwidthGigabytesPerSecond">The memory ceiling, for example the measured copy bandwidth.</param>
public sealed record Roofline(double PeakGigaflopsPerSecond, double BandwidthGigabytesPerSecond)
{
    /// <summary>The intensity (FLOP/byte) where the two ceilings meet: peak / bandwidth.</summary>
    public double RidgePoint => PeakGigaflopsPerSecond / BandwidthGigabytesPerSecond;

    /// <summary>The attainable GFLOP/s at <paramref name="intensity"/> FLOP/byte.</summary>
    public double Attainable(double intensity) => Math.Min(PeakGigaflopsPerSecond, BandwidthGigabytesPerSecond * intensity);

    /// <summary>
    /// Arithmetic intensity of a dense layer (inputs x outputs weights) applied to a batch: FLOPs = 2 B d_in d_out; bytes = p (d_in d_out + B (d_in + d_out)),
    /// reading the weights once per batch plus the batch's inputs and outputs. Grows about linearly with B until the weights stop dominating.
    /// </summary>
    /// <param name="inputs">d_in, at least 1.</param>
    /// <param name="outputs">d_out, at least 1.</param>
    /// <param name="batchSize">B, at least 1.</param>
    /// <param name="bytesPerElement">p: 4 for float32 (the default), 2 for half precision.</param>
    public static double DenseLayerIntensity(int inputs, int outputs, int batchSize, int bytesPerElement = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerElement, 1);
        var flops = 2.0 * batchSize * inputs * outputs;
        var bytes = (double)bytesPerElement * ((double)inputs * outputs + (double)batchSize * (inputs + outputs));
        return flops / bytes;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"peak {PeakGigaflopsPerSecond:0.#} GFLOP/s, bandwidth {BandwidthGigabytesPerSecond:0.#} GB/s, ridge point {RidgePoint:0.#} FLOP/byte");
}

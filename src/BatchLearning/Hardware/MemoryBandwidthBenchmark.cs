using BatchLearning.Runtime;
using static TorchSharp.torch;

namespace BatchLearning.Hardware;

/// <summary>
/// Measures how fast this machine moves data through memory: copies a tensor much larger than the processor's caches and counts the bytes
/// read and written. With the matrix-product ceiling it gives the two lines of the roofline.
/// </summary>
public static class MemoryBandwidthBenchmark
{
    /// <summary>Copies a float32 tensor of <paramref name="megabytes"/> MiB: one warm-up, then the median of <paramref name="repetitions"/>.</summary>
    /// <param name="megabytes">Size of the copied tensor in MiB, from 16 to 4,096; defaults to 256 (far above any last-level cache).</param>
    /// <param name="repetitions">Timed copies, from 1 to 100; defaults to 5.</param>
    public static MemoryBandwidthMeasurement Measure(int megabytes = 256, int repetitions = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(megabytes, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(megabytes, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repetitions, 100);
        var device = TorchRuntime.Device;
        var bytes = (long)megabytes * 1024 * 1024;
        using var scope = NewDisposeScope();
        var source = ones(bytes / sizeof(float), device: device);
        var target = empty_like(source);
        var median = DeviceTimer.MedianMilliseconds(repetitions, () => target.copy_(source));
        // A copy reads every byte once and writes it once.
        return new MemoryBandwidthMeasurement(bytes, median, 2.0 * bytes / (median / 1000.0) / 1e9);
    }
}

namespace BatchLearning.Hardware;

/// <summary>The measured memory bandwidth of the current device.</summary>
/// <param name="Bytes">Size of the copied tensor.</param>
/// <param name="MedianMilliseconds">Median time of one copy.</param>
/// <param name="GigabytesPerSecond">Bytes read plus bytes written per second, in 10^9 bytes/s.</param>
public sealed record MemoryBandwidthMeasurement(long Bytes, double MedianMilliseconds, double GigabytesPerSecond);

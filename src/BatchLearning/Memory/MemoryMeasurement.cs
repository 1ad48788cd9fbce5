namespace BatchLearning.Memory;

/// <summary>The memory a few training steps took at one batch size.</summary>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="PeakBytes">Peak memory above what the process held before the model was built: weights, gradients, optimizer state, the batch, activations, workspace.</param>
/// <param name="Source">Where the figure comes from, for example "process peak resident memory (Linux VmHWM)".</param>
public sealed record MemoryMeasurement(int BatchSize, long PeakBytes, string Source)
{
    /// <summary>The peak in mebibytes (2^20 bytes).</summary>
    public double PeakMegabytes => PeakBytes / (1024.0 * 1024.0);
}

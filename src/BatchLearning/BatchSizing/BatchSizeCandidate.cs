namespace BatchLearning.BatchSizing;

/// <summary>One batch size tried for a model: its measured training speed and peak memory.</summary>
/// <param name="BatchSize">Samples per update.</param>
/// <param name="SamplesPerSecond">Training samples per second over the timed updates (the first update, which pays one-off costs, excluded).</param>
/// <param name="PeakMegabytes">Peak memory of a training step at this size, MiB, as <see cref="Memory.TrainingMemory"/> measures it.</param>
/// <param name="FitsBudget">Whether that peak stays within the memory budget.</param>
public sealed record BatchSizeCandidate(int BatchSize, double SamplesPerSecond, double PeakMegabytes, bool FitsBudget);

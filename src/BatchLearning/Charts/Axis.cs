namespace BatchLearning.Charts;

/// <summary>One axis of a <see cref="Chart"/>.</summary>
/// <param name="Title">The label under (or beside) the axis, with its unit, for example "batch size" or "samples/s".</param>
/// <param name="Logarithmic">True for a log-scale axis (batch sizes, throughput); false (the default) for a linear one.</param>
public sealed record Axis(string Title, bool Logarithmic = false);

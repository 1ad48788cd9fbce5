namespace BatchLearning.Runner;

/// <summary>The outcome of running one code cell in the kernel.</summary>
/// <param name="Succeeded">True when the kernel reported success.</param>
/// <param name="Outputs">The outputs in the order produced (updated displays in their final form).</param>
/// <param name="Error">The kernel's failure message when <paramref name="Succeeded"/> is false.</param>
/// <param name="Seconds">Wall-clock time of the cell.</param>
public sealed record CellExecution(bool Succeeded, IReadOnlyList<CellOutput> Outputs, string? Error, double Seconds);

namespace BatchLearning.Cli.Benchmarks;

/// <summary>One measured figure of the benchmark report: the median of its repetitions with their spread, and its target when it has one.</summary>
/// <param name="Section">The part of the library measured, for example "inference".</param>
/// <param name="Name">What was measured, for example "batch 256 throughput".</param>
/// <param name="Median">The median over the repetitions.</param>
/// <param name="Min">The smallest repetition.</param>
/// <param name="Max">The largest repetition.</param>
/// <param name="Unit">The unit, for example "items/s".</param>
/// <param name="Repetitions">Timed repetitions after the warm-up.</param>
/// <param name="Target">The target another issue set, in words, or null.</param>
/// <param name="Met">Whether the median meets the target, or null without one.</param>
internal sealed record BenchFigure(string Section, string Name, double Median, double Min, double Max, string Unit, int Repetitions, string? Target = null, bool? Met = null)
{
    /// <summary>A figure measured once (min, median and max are that value).</summary>
    public static BenchFigure Once(string section, string name, double value, string unit, string? target = null, bool? met = null) =>
        new(section, name, value, value, value, unit, 1, target, met);

    /// <summary>A figure from repeated values (median, min, max).</summary>
    public static BenchFigure Of(string section, string name, IReadOnlyCollection<double> values, string unit, string? target = null, Func<double, bool>? meets = null)
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return new BenchFigure(section, name, median, sorted[0], sorted[^1], unit, sorted.Length, target, meets?.Invoke(median));
    }
}

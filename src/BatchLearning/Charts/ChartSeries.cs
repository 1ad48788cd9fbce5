namespace BatchLearning.Charts;

/// <summary>One named curve (a plotly "trace") of a <see cref="Chart"/>.</summary>
/// <param name="Name">The legend entry, for example "batch 32".</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, as many as <paramref name="X"/>.</param>
/// <param name="Style">How it is drawn; defaults to <see cref="SeriesStyle.LinesAndMarkers"/>.</param>
/// <param name="ErrorY">Optional symmetric error bars (for example a 95% confidence half-width), as many as <paramref name="Y"/>.</param>
public sealed record ChartSeries(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    SeriesStyle Style = SeriesStyle.LinesAndMarkers,
    IReadOnlyList<double>? ErrorY = null)
{
    /// <summary>Checks that the lists line up; called by <see cref="Chart"/>.</summary>
    /// <exception cref="ArgumentException">X, Y and ErrorY differ in length.</exception>
    internal void Validate()
    {
        if (X.Count != Y.Count)
        {
            throw new ArgumentException($"Series '{Name}': X has {X.Count} values and Y has {Y.Count}; they must have the same length.", nameof(Y));
        }

        if (ErrorY is not null && ErrorY.Count != Y.Count)
        {
            throw new ArgumentException($"Series '{Name}': ErrorY has {ErrorY.Count} values and Y has {Y.Count}; they must have the same length.", nameof(ErrorY));
        }
    }
}

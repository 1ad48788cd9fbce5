namespace BatchLearning.Charts;

/// <summary>One named curve (a plotly "trace") of a <see cref="Chart"/>.</summary>
/// <param name="Name">The legend entry, for example "batch 32".</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, as many as <paramref name="X"/>.</param>
/// <param name="Style">How it is drawn; defaults to <see cref="SeriesStyle.LinesAndMarkers"/>.</param>
/// <param name="ErrorY">Optional symmetric error bars, or the band's half-width for <see cref="SeriesStyle.LinesWithBand"/> (for example a 95% confidence half-width), as many as <paramref name="Y"/>.</param>
/// <param name="Z">The cell values of a <see cref="SeriesStyle.HeatMap"/>, as many as <paramref name="X"/>; NaN leaves a cell blank.</param>
public sealed record ChartSeries(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    SeriesStyle Style = SeriesStyle.LinesAndMarkers,
    IReadOnlyList<double>? ErrorY = null,
    IReadOnlyList<double>? Z = null)
{
    /// <summary>
    /// A series with one point per item of <paramref name="points"/>, in their order:
    /// <c>ChartSeries.From(profile, p => p.BatchSize, p => p.ItemsPerSecond, "items per second")</c>.
    /// </summary>
    /// <typeparam name="T">One point's record, for example a measurement.</typeparam>
    /// <param name="points">The items to draw, at least one (a line with no point would draw nothing).</param>
    /// <param name="x">An item's x value.</param>
    /// <param name="y">An item's y value.</param>
    /// <param name="name">The legend entry.</param>
    /// <param name="style">How it is drawn; defaults to <see cref="SeriesStyle.LinesAndMarkers"/> (points joined in the order given).</param>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty.</exception>
    public static ChartSeries From<T>(IEnumerable<T> points, Func<T, double> x, Func<T, double> y, string name, SeriesStyle style = SeriesStyle.LinesAndMarkers)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(name);
        var items = points.ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException($"Series '{name}' has no points: give at least one.", nameof(points));
        }

        return new ChartSeries(name, items.Select(x).ToList(), items.Select(y).ToList(), style);
    }

    /// <summary>Checks that the lists line up; called by <see cref="Chart"/>.</summary>
    /// <exception cref="ArgumentException">X, Y and ErrorY differ in length.</exception>
    internal void Validate()
    {
        if (X.Count != Y.Count)
        {
            throw new ArgumentException($"Series '{Name}': X has {X.Count} values and Y has {Y.Count}; they must have the same length.", nameof(Y));
        }

        if (Style == SeriesStyle.HeatMap && (Z is null || Z.Count != X.Count))
        {
            throw new ArgumentException($"Series '{Name}': a heat map needs Z with one value per (X, Y) cell, {X.Count}; it has {Z?.Count ?? 0}.", nameof(Z));
        }

        if (Style == SeriesStyle.LinesWithBand && ErrorY is null)
        {
            throw new ArgumentException($"Series '{Name}': a band needs ErrorY, its half-width at each point.", nameof(ErrorY));
        }

        if (ErrorY is not null && ErrorY.Count != Y.Count)
        {
            throw new ArgumentException($"Series '{Name}': ErrorY has {ErrorY.Count} values and Y has {Y.Count}; they must have the same length.", nameof(ErrorY));
        }
    }
}

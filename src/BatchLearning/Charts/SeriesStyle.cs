namespace BatchLearning.Charts;

/// <summary>How a <see cref="ChartSeries"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Points joined by lines (the default).</summary>
    LinesAndMarkers,

    /// <summary>Lines only, for long curves such as a loss per update.</summary>
    Lines,

    /// <summary>Points only, for scatter plots.</summary>
    Markers,

    /// <summary>Vertical bars.</summary>
    Bars,

    /// <summary>A line with a shaded band of ± <see cref="ChartSeries.ErrorY"/> around it (for example a 95% confidence band over seeds).</summary>
    LinesWithBand,

    /// <summary>A heat map: colour cells at (X, Y) by <see cref="ChartSeries.Z"/>.</summary>
    HeatMap,
}

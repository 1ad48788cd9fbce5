using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchLearning.Charts;

/// <summary>
/// An interactive chart, kept as a plotly.js figure (JSON "data" traces plus a "layout").
/// In a notebook the kernel extension shows it as <see cref="PlotlyMimeType"/> (rendered natively by VS Code and JupyterLab)
/// and as HTML that draws it with plotly.js (every other front end, and the course runner's HTML pages).
/// </summary>
/// <remarks>Plotly.NET cannot be used inside the .NET Interactive kernel (it needs a newer FSharp.Core than the kernel ships), so the figure is written here directly.</remarks>
/// <param name="Title">The chart's title.</param>
/// <param name="X">The x axis.</param>
/// <param name="Y">The y axis.</param>
/// <param name="Series">The curves, at least one.</param>
public sealed record Chart(string Title, Axis X, Axis Y, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>The MIME type of a plotly figure in Jupyter and VS Code notebooks.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>The plotly.js build that the HTML form loads when the page has none.</summary>
    public const string PlotlyScriptUrl = "https://cdn.plot.ly/plotly-3.7.0.min.js";

    private static int _elementCounter;

    /// <summary>A chart of several curves sharing two axes.</summary>
    public static Chart Of(string title, Axis x, Axis y, params ChartSeries[] series) => new(title, x, y, series);

    /// <summary>The figure as plotly JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    /// <exception cref="ArgumentException">The chart has no series, or a series' lists differ in length.</exception>
    public string ToPlotlyJson() => Figure().ToJsonString();

    /// <summary>
    /// The figure as an HTML fragment: a div and a script that draws it with the page's plotly.js, or else loads
    /// <see cref="PlotlyScriptUrl"/> once for the page, with or without require.js (see <see cref="PlotlyHtml"/>).
    /// </summary>
    public string ToHtml() => ToHtml(PlotlyScriptUrl);

    /// <summary>The figure as an HTML fragment that loads plotly.js from <paramref name="plotlyScriptUrl"/> when the page has none.</summary>
    /// <param name="plotlyScriptUrl">A URL, or a path relative to the page (for a plotly.js file placed beside it).</param>
    public string ToHtml(string plotlyScriptUrl) =>
        PlotlyHtml.Draw(ToPlotlyJson(), $"batchlearning-chart-{Interlocked.Increment(ref _elementCounter)}-{Guid.NewGuid():N}", plotlyScriptUrl);

    private JsonObject Figure()
    {
        if (Series.Count == 0)
        {
            throw new ArgumentException($"Chart '{Title}' has no series; give it at least one.", nameof(Series));
        }

        var data = new JsonArray();
        foreach (var series in Series)
        {
            series.Validate();
            foreach (var trace in Traces(series))
            {
                data.Add(trace);
            }
        }

        CheckLogAxis(X, "x", Series.SelectMany(s => s.X));
        CheckLogAxis(Y, "y", Series.SelectMany(s => s.Y));
        return new JsonObject
        {
            ["data"] = data,
            ["layout"] = new JsonObject
            {
                // Left-aligned and wrapped, so a long title stays clear of the toolbar at the top right.
                ["title"] = new JsonObject { ["text"] = WrappedTitle, ["x"] = 0, ["xref"] = "paper", ["xanchor"] = "left" },
                ["xaxis"] = AxisLayout(X, Series.SelectMany(s => s.X)),
                ["yaxis"] = AxisLayout(Y, Series.SelectMany(AxisValuesY)),
                ["template"] = "plotly_white",
                ["hovermode"] = "closest",
                ["margin"] = new JsonObject { ["t"] = 36 + (24 * TitleLines) },
            },
        };
    }

    private static IEnumerable<JsonObject> Traces(ChartSeries series) => series.Style switch
    {
        SeriesStyle.HeatMap => [HeatMap(series)],
        SeriesStyle.LinesWithBand => [Band(series), new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = series.Name,
            ["x"] = Numbers(series.X),
            ["y"] = Numbers(series.Y),
            ["legendgroup"] = series.Name,
        }],
        _ => [Trace(series)],
    };

    private static JsonObject HeatMap(ChartSeries series) => new()
    {
        ["type"] = "heatmap",
        ["name"] = series.Name,
        ["x"] = Numbers(series.X),
        ["y"] = Numbers(series.Y),
        ["z"] = Numbers(series.Z!),
        ["colorscale"] = "Viridis",
        ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = series.Name } },
    };

    // The band: a closed polygon along the upper edge and back along the lower edge, filled, without a legend entry of its own.
    private static JsonObject Band(ChartSeries series)
    {
        var upper = series.Y.Zip(series.ErrorY!, (y, e) => y + e);
        var lower = series.Y.Zip(series.ErrorY!, (y, e) => y - e).Reverse();
        return new JsonObject
        {
            ["type"] = "scatter",
            ["name"] = series.Name + " (95% band)",
            ["x"] = Numbers(series.X.Concat(series.X.Reverse())),
            ["y"] = Numbers(upper.Concat(lower)),
            ["mode"] = "lines",
            ["fill"] = "toself",
            ["opacity"] = 0.2,
            ["line"] = new JsonObject { ["width"] = 0 },
            ["showlegend"] = false,
            ["hoverinfo"] = "skip",
            ["legendgroup"] = series.Name,
        };
    }

    private static JsonObject Trace(ChartSeries series)
    {
        var trace = new JsonObject
        {
            ["type"] = series.Style == SeriesStyle.Bars ? "bar" : "scatter",
            ["name"] = series.Name,
            ["x"] = Numbers(series.X),
            ["y"] = Numbers(series.Y),
        };
        if (series.Style != SeriesStyle.Bars)
        {
            trace["mode"] = series.Style switch
            {
                SeriesStyle.Lines => "lines",
                SeriesStyle.Markers => "markers",
                _ => "lines+markers",
            };
        }

        if (series.ErrorY is not null)
        {
            trace["error_y"] = new JsonObject { ["type"] = "data", ["array"] = Numbers(series.ErrorY), ["visible"] = true };
        }

        return trace;
    }

    /// <summary>The longest line of a title before it wraps.</summary>
    internal const int TitleLineLength = 55;

    private string WrappedTitle => string.Join("<br>", TitleLinesOf(Title));

    private int TitleLines => TitleLinesOf(Title).Count;

    private static List<string> TitleLinesOf(string title)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > TitleLineLength)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return lines;
    }

    // A log axis shows only values above 0: one with values but none above 0 would be an empty chart, so it is refused.
    private void CheckLogAxis(Axis axis, string which, IEnumerable<double> values)
    {
        var shown = values.Where(double.IsFinite).ToList();
        if (axis.Logarithmic && shown.Count > 0 && !shown.Any(v => v > 0))
        {
            throw new ArgumentException(
                $"Chart '{Title}': the {which} axis '{axis.Title}' is logarithmic, but none of its {shown.Count} values is above 0 (a log scale shows only those), so the chart would be empty. Use a linear axis, or give values above 0.",
                nameof(Series));
        }
    }

    private static IEnumerable<double> AxisValuesY(ChartSeries series) =>
        series.ErrorY is null || series.Style == SeriesStyle.HeatMap
            ? series.Y
            : series.Y.Concat(series.Y.Zip(series.ErrorY, (y, e) => y + e)).Concat(series.Y.Zip(series.ErrorY, (y, e) => y - e));

    private static JsonObject AxisLayout(Axis axis, IEnumerable<double> values)
    {
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = axis.Title },
            ["type"] = axis.Logarithmic ? "log" : "linear",
            ["automargin"] = true,
        };
        if (axis.Logarithmic && LogTickValues(values) is { Count: > 0 } ticks)
        {
            // plotly's own log ticks label the digits 2..9 between decades in small type when the range is short: cluttered.
            layout["tickmode"] = "array";
            layout["tickvals"] = Numbers(ticks);
        }

        return layout;
    }

    /// <summary>
    /// The labelled ticks of a log axis: each value when they are a few well-spaced whole numbers (batch sizes 1, 2, 4, ...),
    /// else 1-2-5 steps (or 1 to 9 on a range shorter than that), else powers of ten (every second or third on a long range).
    /// Empty when there is no positive value (plotly then chooses).
    /// </summary>
    internal static IReadOnlyList<double> LogTickValues(IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).Distinct().Order().ToList();
        if (positive.Count == 0)
        {
            return [];
        }

        if (positive.Count <= 12 && positive.All(v => v == Math.Round(v)) && positive.Zip(positive.Skip(1), (a, b) => b / a).All(r => r >= 1.5))
        {
            return positive;
        }

        double low = positive[0], high = positive[^1];
        var first = (int)Math.Floor(Math.Log10(low));
        var last = (int)Math.Ceiling(Math.Log10(high));
        List<double> Steps(params double[] mantissas) =>
            Enumerable.Range(first, last - first + 1)
                .SelectMany(k => mantissas.Select(m => Math.Round(m * Math.Pow(10, k), 12)))
                .Where(v => v >= low / 1.05 && v <= high * 1.05)
                .ToList();
        var oneTwoFive = Steps(1, 2, 5);
        if (oneTwoFive.Count is >= 3 and <= 10)
        {
            return oneTwoFive;
        }

        if (oneTwoFive.Count < 3)
        {
            var digits = Steps(1, 2, 3, 4, 5, 6, 7, 8, 9);
            return digits.Count >= 2 ? digits : [];
        }

        var decades = Steps(1);
        var every = (decades.Count + 7) / 8;
        return decades.Where((_, i) => i % every == 0).ToList();
    }

    // JSON has no NaN or infinity: plotly draws a gap for null.
    private static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 12)) : null).Cast<JsonNode?>().ToArray());

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Chart '{Title}': {Series.Count} series, {Series.Sum(s => s.X.Count)} points");
}

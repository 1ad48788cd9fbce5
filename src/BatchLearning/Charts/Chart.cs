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
    /// The figure as an HTML fragment: a div and a script that draws it with the page's plotly.js,
    /// loading <see cref="PlotlyScriptUrl"/> (through require.js where the page uses it) when the page has none.
    /// </summary>
    public string ToHtml()
    {
        var id = $"batchlearning-chart-{Interlocked.Increment(ref _elementCounter)}-{Guid.NewGuid():N}";
        return $$"""
            <div id="{{id}}" style="width:100%;min-height:420px"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{ToPlotlyJson()}};
              function draw(plotly) { plotly.newPlot('{{id}}', figure.data, figure.layout, { responsive: true }); }
              if (window.Plotly) { draw(window.Plotly); return; }
              if (typeof require === 'function' && typeof require.config === 'function') {
                require.config({ paths: { plotly: '{{PlotlyScriptUrl[..^3]}}' } });
                require(['plotly'], draw);
                return;
              }
              var script = document.createElement('script');
              script.src = '{{PlotlyScriptUrl}}';
              script.onload = function () { draw(window.Plotly); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }

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

        return new JsonObject
        {
            ["data"] = data,
            ["layout"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = Title },
                ["xaxis"] = AxisLayout(X),
                ["yaxis"] = AxisLayout(Y),
                ["template"] = "plotly_white",
                ["hovermode"] = "closest",
                ["margin"] = new JsonObject { ["t"] = 50 },
            },
        };
    }

    private static IEnumerable<JsonObject> Traces(ChartSeries series)
    {
        if (series.Style == SeriesStyle.HeatMap)
        {
            yield return new JsonObject
            {
                ["type"] = "heatmap",
                ["name"] = series.Name,
                ["x"] = Numbers(series.X),
                ["y"] = Numbers(series.Y),
                ["z"] = Numbers(series.Z!),
                ["colorscale"] = "Viridis",
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = series.Name } },
            };
            yield break;
        }

        if (series.Style == SeriesStyle.LinesWithBand)
        {
            // The band: a closed polygon along the upper edge and back along the lower edge, filled, without a legend entry of its own.
            var upper = series.Y.Zip(series.ErrorY!, (y, e) => y + e);
            var lower = series.Y.Zip(series.ErrorY!, (y, e) => y - e).Reverse();
            yield return new JsonObject
            {
                ["type"] = "scatter",
                ["name"] = series.Name + " (95% band)",
                ["x"] = Numbers(series.X.Concat(series.X.Reverse())),
                ["y"] = Numbers(upper.Concat(lower)),
                ["fill"] = "toself",
                ["opacity"] = 0.2,
                ["line"] = new JsonObject { ["width"] = 0 },
                ["showlegend"] = false,
                ["hoverinfo"] = "skip",
                ["legendgroup"] = series.Name,
            };
            yield return new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = series.Name,
                ["x"] = Numbers(series.X),
                ["y"] = Numbers(series.Y),
                ["legendgroup"] = series.Name,
            };
            yield break;
        }

        yield return Trace(series);
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

    private static JsonObject AxisLayout(Axis axis) => new()
    {
        ["title"] = new JsonObject { ["text"] = axis.Title },
        ["type"] = axis.Logarithmic ? "log" : "linear",
    };

    // JSON has no NaN or infinity: plotly draws a gap for null.
    private static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 12)) : null).Cast<JsonNode?>().ToArray());

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Chart '{Title}': {Series.Count} series, {Series.Sum(s => s.X.Count)} points");
}

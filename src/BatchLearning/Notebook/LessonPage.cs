using System.Globalization;
using System.Net;
using System.Text;
using BatchLearning.Charts;

namespace BatchLearning.Notebook;

/// <summary>
/// The HTML page of one lesson run (<c>artifacts/lessons/NAME.html</c>): its sections, sentences, tables and charts in the order the lesson
/// showed them, charts drawn by the plotly.js file beside the page as on the course runner's pages (offline; a one-line note in a chart's
/// box when that file is missing). The page is written again after each output, so a lesson that stops half-way leaves what it showed.
/// </summary>
internal sealed class LessonPage(string path, string title, string source)
{
    /// <summary>The plotly.js file the page loads, beside it (the runner's pages use the same name).</summary>
    public const string PlotlyFileName = "plotly.min.js";

    private readonly List<string> _parts = [];
    private string _status = "running";

    /// <summary>Where the page is written.</summary>
    public string Path { get; } = path;

    /// <summary>How many charts the page holds.</summary>
    public int Charts { get; private set; }

    /// <summary>Adds a section heading.</summary>
    public void AddSection(string heading) => _parts.Add($"<h2>{Encode(heading)}</h2>");

    /// <summary>Adds a chart, drawn with plotly.js; returns its element id.</summary>
    public string AddChart(Chart chart)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"chart-{++Charts}");
        _parts.Add($"<div class=\"output\">{PlotlyHtml.Draw(chart.ToPlotlyJson(), id, PlotlyFileName)}</div>");
        return id;
    }

    /// <summary>Adds a value shown by the lesson (text, a table).</summary>
    public void AddValue(object? value) => _parts.Add($"<div class=\"output\">{LessonValueText.Html(value)}</div>");

    /// <summary>Sets the status line under the title, for example "done in 12.3 s".</summary>
    public void SetStatus(string status) => _status = status;

    /// <summary>Writes the page as it stands.</summary>
    public void Write()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var html = new StringBuilder()
            .AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{Encode(title)}</title>")
            .AppendLine($"<script src=\"{PlotlyFileName}\"></script>")
            .AppendLine("""
                <style>
                body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
                pre { background: #f6f8fa; padding: .75rem; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
                .output { margin: .25rem 0 1.25rem 0; max-width: 100%; overflow-x: auto; }
                .table-scroll { max-width: 100%; overflow-x: auto; }
                table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 2px 6px; }
                .status { padding: .5rem; border-radius: 4px; background: #eef3fb; }
                </style>
                """)
            .AppendLine("</head><body>")
            .AppendLine($"<h1>{Encode(title)}</h1>")
            .AppendLine($"<p class=\"status\">{Encode(source)}: {Encode(_status)}</p>");
        foreach (var part in _parts)
        {
            html.AppendLine(part);
        }

        File.WriteAllText(Path, html.AppendLine("</body></html>").ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

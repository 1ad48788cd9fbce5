using System.Net;
using System.Text;
using System.Text.Json;
using BatchLearning.Charts;
using Markdig;

namespace BatchLearning.Runner;

/// <summary>
/// Writes a run notebook as one HTML page that reads offline: markdown rendered, code, and every output,
/// charts drawn by a plotly.js file placed beside the page (a one-line note in the chart's box when that file is missing).
/// Text wraps to the column, wide tables scroll inside their own box, and absolute paths of this machine are shortened
/// (the notebook's folder dropped, the home folder as ~).
/// </summary>
public static class NotebookHtml
{
    /// <summary>The plotly.js file the pages load, beside them.</summary>
    public const string PlotlyFileName = "plotly.min.js";

    private const string PlotlyMime = "application/vnd.plotly.v1+json";
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // The page's look: readable width, code and outputs boxed, wide tables scrolling in their own box.
    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
        pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; border-radius: 4px; }
        .code pre { border-left: 3px solid #4a7bd0; }
        .output { margin: .25rem 0 1.25rem 0; max-width: 100%; overflow-x: auto; }
        .output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        .table-scroll { max-width: 100%; overflow-x: auto; }
        .stderr pre { background: #fff8e6; }
        .error pre { background: #fdecec; color: #a00; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 2px 6px; }
        .status { padding: .5rem; border-radius: 4px; } .ok { background: #e8f5e9; } .failed { background: #fdecec; }
        </style>
        """;

    /// <summary>The page for <paramref name="run"/>.</summary>
    public static string Render(NotebookRun run)
    {
        var paths = new PathShortener(run.Document.Path);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{Encode(run.Document.Name)}</title>")
            .AppendLine($"<script src=\"{PlotlyFileName}\"></script>")
            .AppendLine(Style)
            .AppendLine("</head><body>");
        var result = run.Result;
        html.AppendLine($"<p class=\"status {result.Status}\">{Encode(result.Name)}: {result.Status}, {result.Seconds:0.0} s" +
                        (result.Parameters.Count > 0 ? $"<br>parameters: {Encode(string.Join(", ", result.Parameters.Select(p => $"{p.Key} = {p.Value}")))}" : "") +
                        (result.Errors.Count > 0 ? $"<br>{Encode(paths.Shorten(string.Join(" / ", result.Errors)))}" : "") + "</p>");
        var chart = 0;
        foreach (var cell in run.Document.Cells)
        {
            if (!cell.IsCode)
            {
                html.AppendLine(Markdig.Markdown.ToHtml(cell.Source, Markdown));
                continue;
            }

            html.AppendLine($"<div class=\"code\"><pre><code>{Encode(cell.Source)}</code></pre></div>");
            if (!run.Executions.TryGetValue(cell.Index, out var execution))
            {
                continue;
            }

            foreach (var output in execution.Outputs)
            {
                html.AppendLine(paths.Shorten(RenderOutput(output, ref chart)));
            }
        }

        return html.AppendLine("</body></html>").ToString();
    }

    private static string RenderOutput(CellOutput output, ref int chart)
    {
        switch (output.Kind)
        {
            case CellOutputKind.Error:
                return $"<div class=\"output error\"><pre>{Encode(output.Text)}</pre></div>";
            case CellOutputKind.StandardError:
                return $"<div class=\"output stderr\"><pre>{Encode(output.Text)}</pre></div>";
            case CellOutputKind.StandardOutput:
                return $"<div class=\"output\"><pre>{Encode(output.Text)}</pre></div>";
        }

        if (output.Data.TryGetValue(PlotlyMime, out var figure) && IsJson(figure))
        {
            return $"<div class=\"output\">{PlotlyHtml.Draw(figure, $"chart-{++chart}", PlotlyFileName)}</div>";
        }

        if (output.Data.TryGetValue("text/html", out var markup))
        {
            return markup.Contains("<table", StringComparison.OrdinalIgnoreCase)
                ? $"<div class=\"output\"><div class=\"table-scroll\">{markup}</div></div>"
                : $"<div class=\"output\">{markup}</div>";
        }

        return $"<div class=\"output\"><pre>{Encode(output.Text)}</pre></div>";
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // The pages are shared: "/home/me/course/notebooks/x.csv" reads as "x.csv", "/home/me/.nuget/..." as "~/.nuget/...".
    private sealed class PathShortener(string notebookPath)
    {
        private readonly string? _folder = Folder(Path.GetDirectoryName(Path.GetFullPath(notebookPath)));
        private readonly string? _home = Folder(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

        public string Shorten(string text)
        {
            if (_folder is not null)
            {
                text = text.Replace(_folder, "", StringComparison.Ordinal);
            }

            return _home is null ? text : text.Replace(_home, "~/", StringComparison.Ordinal);
        }

        private static string? Folder(string? path) =>
            string.IsNullOrEmpty(path) || path == Path.GetPathRoot(path) ? null : Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
    }
}

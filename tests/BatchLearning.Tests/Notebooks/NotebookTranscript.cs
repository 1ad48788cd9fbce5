using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Runner;

namespace BatchLearning.Tests.Notebooks;

/// <summary>
/// A notebook run as stable text, for comparison with an approved file. What legitimately varies is scrubbed:
/// package-install banners, absolute paths, element and table ids (gone with the markup), and every number
/// (timings and throughputs differ per machine and run; the tests check those as invariants instead), and the wording of sentences computed from the run.
/// Cells tagged "volatile-output" (the setup report) record only which kinds of output they produced.
/// </summary>
internal static partial class NotebookTranscript
{
    public const string VolatileTag = "volatile-output";

    public static string Create(NotebookRun run, string repositoryRoot)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var cell in run.Document.Cells.Where(c => c.IsCode))
        {
            number++;
            text.Append("## cell ").Append(number).Append('\n');
            if (!run.Executions.TryGetValue(cell.Index, out var execution))
            {
                text.Append("(not run)\n");
                continue;
            }

            var outputs = execution.Outputs.Where(o => !IsInstallBanner(o)).ToList();
            if (cell.Tags.Contains(VolatileTag))
            {
                var kinds = outputs.Where(o => o.Kind is CellOutputKind.Result or CellOutputKind.Error)
                    .Select(o => $"{o.Kind}: {string.Join(", ", o.Data.Keys.Order(StringComparer.Ordinal))}");
                text.Append("(machine-dependent) ").Append(string.Join(" | ", kinds)).Append('\n');
                continue;
            }

            foreach (var output in outputs)
            {
                text.Append(output.Kind).Append(": ").Append(Scrub(Describe(output), repositoryRoot)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool IsInstallBanner(CellOutput output) =>
        output.Data.TryGetValue("text/html", out var html) && (html.Contains("Installed Packages") || html.Contains("Installing Packages") || html.Contains("Restore sources"));

    private static string Describe(CellOutput output)
    {
        if (output.Data.TryGetValue("application/vnd.plotly.v1+json", out var json) && JsonNode.Parse(json) is JsonObject figure)
        {
            var layout = figure["layout"]!;
            var series = figure["data"]!.AsArray().Select(t => $"{(string?)t!["name"]} ({t["x"]!.AsArray().Count} points)");
            return $"chart \"{(string?)layout["title"]?["text"]}\" x: {(string?)layout["xaxis"]?["title"]?["text"]} [{(string?)layout["xaxis"]?["type"]}]" +
                   $" y: {(string?)layout["yaxis"]?["title"]?["text"]} [{(string?)layout["yaxis"]?["type"]}] series: {string.Join("; ", series)}" +
                   $" (also as {string.Join(", ", output.Data.Keys.Where(k => !k.Contains("plotly")).Order(StringComparer.Ordinal))})";
        }

        // A finding keeps its subject and, when the course teaches one, its verdict (a run that reaches another verdict differs from the approved file);
        // a verdict the lesson states whichever way the run goes is recorded as such. Its sentence is the claim tests' business.
        if (output.Data.TryGetValue(BatchLearning.Timing.TimingFinding.MimeType, out var finding) && JsonNode.Parse(finding) is JsonObject fields)
        {
            var verdict = (string?)fields["expectedVerdict"] is null ? "(the run's verdict, stated from its numbers)" : (string?)fields["verdict"];
            return $"finding \"{(string?)fields["subject"]}\": {verdict}";
        }

        // A finding of another kind keeps its topic; its numbers and the branch its sentence took are the claim tests' business.
        if (output.Data.TryGetValue(BatchLearning.Findings.Finding.MimeType, out var statement) && JsonNode.Parse(statement) is JsonObject statementFields)
        {
            return $"finding \"{(string?)statementFields["topic"]}\" (its sentence computed from the run)";
        }

        // A sentence (a string value) is computed from the run's numbers, and its wording follows them ("grew" or "did not grow"): the claim tests read
        // sentences; the approved transcript records only that the cell produced one.
        if (IsSentence(output))
        {
            return "(a sentence computed from the run)";
        }

        if (output.Data.TryGetValue("text/plain", out var plain))
        {
            return plain;
        }

        return output.Data.TryGetValue("text/html", out var html) ? TextOfHtml(html) : output.Text;
    }

    // A string value: plain text only, or the kernel's plain-text HTML wrapper around it (a record or a table starts with other markup).
    private static bool IsSentence(CellOutput output) =>
        output.Kind is CellOutputKind.Result or CellOutputKind.Display
        && output.Data.ContainsKey("text/plain")
        && (!output.Data.TryGetValue("text/html", out var html) || html.TrimStart().StartsWith("<div class=\"dni-plaintext\"", StringComparison.Ordinal));

    private static string TextOfHtml(string html)
    {
        var withoutCode = StyleOrScript().Replace(html, " ");
        var text = Tag().Replace(withoutCode, " ");
        return Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    private static string Scrub(string text, string repositoryRoot)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        text = text.Replace(repositoryRoot, "<repo>");
        text = BacktickedPath().Replace(text, "`<path>/$1`");
        if (!string.IsNullOrEmpty(home))
        {
            text = text.Replace(home, "<home>");
        }

        text = Number().Replace(text, "#");
        // The kernel cuts a long plain-text form at a character count, so where it cuts moves with the digits of the numbers before it:
        // a record cut short keeps only its type name (its properties follow in full in the HTML form), anything else loses its last word.
        text = TruncatedRecord().Replace(text, "{ ...");
        text = Truncated().Replace(text, "...");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"`/[^`]*/([^/`]+)`")]
    private static partial Regex BacktickedPath();

    [GeneratedRegex(@"\{[^{}]*\.\.\.")]
    private static partial Regex TruncatedRecord();

    [GeneratedRegex(@"\S*\.\.\.")]
    private static partial Regex Truncated();

    [GeneratedRegex(@"(?<!\w)-?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?")]
    private static partial Regex Number();
}

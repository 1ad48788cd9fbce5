using System.Text;
using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Lessons;

/// <summary>
/// A markdown cell as C# line comments ("// " before every line), wrapped at <see cref="Width"/> characters where a line is prose:
/// a wrapped list item continues under its text; headings, table rows, code blocks and words longer than a line are kept whole.
/// </summary>
internal static partial class MarkdownComment
{
    /// <summary>The longest comment line wrapping makes, "// " included.</summary>
    public const int Width = 120;

    private const string Prefix = "// ";

    /// <summary>The comment lines for <paramref name="markdown"/>, each ending with a line break.</summary>
    public static string From(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new StringBuilder();
        var inCode = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Trim('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            if (line.Length == 0)
            {
                text.Append("//\n");
                continue;
            }

            var keepWhole = inCode || line.StartsWith('#') || line.TrimStart().StartsWith('|') || line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            foreach (var piece in keepWhole ? [line] : Wrap(line))
            {
                text.Append(Prefix).Append(piece).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The level-2 headings ("## ...") of <paramref name="markdown"/>, as plain text (emphasis and code marks removed).</summary>
    public static IReadOnlyList<string> Sections(string markdown) =>
        [.. markdown.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => Plain(l[3..]))];

    /// <summary>The first level-1 heading ("# ...") of <paramref name="markdown"/> as plain text, or null.</summary>
    public static string? Title(string markdown) =>
        markdown.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)) is { } heading ? Plain(heading[2..]) : null;

    private static string Plain(string heading) => heading.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();

    private static List<string> Wrap(string line)
    {
        var room = Width - Prefix.Length;
        if (line.Length <= room)
        {
            return [line];
        }

        var lead = line[..(line.Length - line.TrimStart().Length)];
        var marker = ListMarker().Match(line);
        var indent = marker.Success ? new string(' ', marker.Length) : lead;
        var lines = new List<string>();
        var current = new StringBuilder(lead);
        var empty = true;
        foreach (var word in line.TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && current.Length + 1 + word.Length > room)
            {
                lines.Add(current.ToString());
                current.Clear().Append(indent);
                empty = true;
            }

            current.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        lines.Add(current.ToString());
        return lines;
    }

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();
}

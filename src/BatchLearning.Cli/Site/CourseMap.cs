using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// The course map: the section "## The course map" of README.md, the one place where the order of the notebooks is written.
/// The website's home page shows this section and its sidebar follows the order of the table's notebook links.
/// </summary>
/// <param name="Section">The section's markdown, its heading included.</param>
/// <param name="Notebooks">The notebooks' names (for example "00-setup"), in the table's order.</param>
/// <param name="Introduction">README's title and first paragraph, shown above the map on the home page.</param>
internal sealed partial record CourseMap(string Section, IReadOnlyList<string> Notebooks, string Introduction)
{
    /// <summary>The heading the section starts with.</summary>
    public const string Heading = "## The course map";

    /// <summary>Reads the map from README.md at <paramref name="readme"/>.</summary>
    /// <exception cref="SiteBuildException">The file or the section is missing, or its table links no notebook.</exception>
    public static CourseMap Read(string readme)
    {
        if (!File.Exists(readme))
        {
            throw new SiteBuildException($"{readme} is missing: the site's home page is its section \"{Heading}\".");
        }

        return Parse(File.ReadAllText(readme), readme);
    }

    /// <summary>The map in the README text <paramref name="markdown"/> (<paramref name="source"/> names it in messages).</summary>
    public static CourseMap Parse(string markdown, string source)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == Heading);
        if (start < 0)
        {
            throw new SiteBuildException($"{source} has no section \"{Heading}\": the site's home page and order come from it.");
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var section = lines[start..(end < 0 ? lines.Length : end)];
        var notebooks = section.Where(l => l.StartsWith('|'))
            .Select(l => NotebookLink().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .Distinct()
            .ToList();
        if (notebooks.Count == 0)
        {
            throw new SiteBuildException($"The section \"{Heading}\" of {source} has no table row linking a notebook (notebooks/NAME.ipynb).");
        }

        return new CourseMap(string.Join('\n', section).Trim() + "\n", notebooks, IntroductionOf(lines));
    }

    // The title line and the paragraph after it.
    private static string IntroductionOf(string[] lines)
    {
        var title = Array.FindIndex(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
        if (title < 0)
        {
            return "";
        }

        var first = Array.FindIndex(lines, title + 1, l => l.Trim().Length > 0);
        var end = first < 0 ? -1 : Array.FindIndex(lines, first, l => l.Trim().Length == 0);
        var paragraph = first < 0 || lines[first].StartsWith("#", StringComparison.Ordinal) ? [] : lines[first..(end < 0 ? lines.Length : end)];
        return string.Join('\n', [lines[title], "", .. paragraph]).Trim() + "\n";
    }

    [GeneratedRegex(@"\]\(notebooks/(?<name>[^/)]+)\.ipynb\)")]
    private static partial Regex NotebookLink();
}

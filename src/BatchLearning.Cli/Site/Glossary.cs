using System.Text;
using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// notebooks/GLOSSARY.md read for the website: its terms (the bold phrases of each "- **Term**: ..." entry) and its markdown with an anchor
/// before each entry, so a page can link the first use of a term to its explanation.
/// </summary>
/// <param name="Markdown">The glossary with an anchor (<c>&lt;span id="term-..."&gt;</c>) at the start of each entry.</param>
/// <param name="Terms">Every phrase, with its entry's anchor.</param>
internal sealed partial record Glossary(string Markdown, IReadOnlyList<GlossaryTerm> Terms)
{
    /// <summary>Reads the glossary at <paramref name="path"/>.</summary>
    /// <exception cref="SiteBuildException">The file is missing or has no entry.</exception>
    public static Glossary Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SiteBuildException($"{path} is missing: the site's glossary page is made from it.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The glossary in <paramref name="markdown"/> (<paramref name="source"/> names it in messages).</summary>
    public static Glossary Parse(string markdown, string source)
    {
        var terms = new List<GlossaryTerm>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder();
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var entry = Entry().Match(line);
            if (!entry.Success)
            {
                output.Append(line).Append('\n');
                continue;
            }

            var anchor = UniqueAnchor(entry.Groups["term"].Value, anchors);
            terms.AddRange(Bold().Matches(line).SelectMany(bold => Phrases(bold.Groups["text"].Value)).Distinct().Select(phrase => new GlossaryTerm(phrase, anchor)));
            output.Append(entry.Groups["indent"].Value).Append($"<span id=\"{anchor}\"></span>").Append(line[entry.Groups["indent"].Length..]).Append('\n');
        }

        if (terms.Count == 0)
        {
            throw new SiteBuildException($"{source} has no entry of the form \"- **Term**: explanation\".");
        }

        return new Glossary(output.ToString().TrimEnd() + "\n", terms);
    }

    // "MLP (multilayer perceptron)" is used as "MLP"; "p50, p95, p99" as three phrases.
    private static IEnumerable<string> Phrases(string bold) =>
        Parenthetical().Replace(bold, "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 2);

    private static string UniqueAnchor(string term, HashSet<string> taken)
    {
        var slug = "term-" + NotWord().Replace(Parenthetical().Replace(term, "").ToLowerInvariant(), "-").Trim('-');
        var anchor = slug;
        for (var i = 2; !taken.Add(anchor); i++)
        {
            anchor = $"{slug}-{i}";
        }

        return anchor;
    }

    [GeneratedRegex(@"^(?<indent>\s*- )\*\*(?<term>[^*]+)\*\*")]
    private static partial Regex Entry();

    [GeneratedRegex(@"\*\*(?<text>[^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotWord();
}

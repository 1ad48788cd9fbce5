using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// Links the first use of each glossary phrase on one page to its entry: in markdown prose only, never inside code, a link, an HTML tag,
/// a heading or an HTML block, and once per page (later uses stay plain). A plural "s" or "es" counts as a use.
/// </summary>
internal sealed partial class GlossaryLinker
{
    private readonly Dictionary<string, GlossaryTerm> _terms;
    private readonly Regex _phrase;
    private readonly string _glossaryHref;
    private readonly HashSet<string> _linked = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A linker for one page; <paramref name="glossaryHref"/> is the glossary page's address from that page.</summary>
    public GlossaryLinker(IReadOnlyList<GlossaryTerm> terms, string glossaryHref)
    {
        _terms = terms.GroupBy(t => t.Phrase, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var alternatives = string.Join('|', _terms.Keys.OrderByDescending(p => p.Length).Select(Regex.Escape));
        _phrase = new Regex($@"(?<![\w-])(?<phrase>{alternatives})(?:s|es)?(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _glossaryHref = glossaryHref;
    }

    /// <summary>The phrases linked so far on this page.</summary>
    public IReadOnlyCollection<string> Linked => _linked;

    /// <summary>One markdown cell with the first use of each phrase not yet linked on this page made a link.</summary>
    public string Link(string markdown)
    {
        var lines = markdown.Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced && !trimmed.StartsWith('#') && !trimmed.StartsWith('<') && !lines[i].StartsWith("    ", StringComparison.Ordinal))
            {
                lines[i] = LinkLine(lines[i]);
            }
        }

        return string.Join('\n', lines);
    }

    // Text between protected spans (inline code, links, HTML tags, addresses, math) is searched; the spans are kept as they are.
    private string LinkLine(string line)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        foreach (Match span in Protected().Matches(line))
        {
            result.Append(LinkText(line[position..span.Index])).Append(span.Value);
            position = span.Index + span.Length;
        }

        return result.Append(LinkText(line[position..])).ToString();
    }

    private string LinkText(string text) => text.Length == 0 ? text : _phrase.Replace(text, match =>
    {
        var term = _terms[match.Groups["phrase"].Value];
        return _linked.Add(term.Phrase) ? $"[{match.Value}]({_glossaryHref}#{term.Anchor})" : match.Value;
    });

    [GeneratedRegex(@"`[^`]*`|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]|<[^>]+>|https?://\S+|\$[^$]+\$")]
    private static partial Regex Protected();
}

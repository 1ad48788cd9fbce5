using System.Net;
using System.Text.RegularExpressions;

namespace BatchLearning.Tests.Site;

/// <summary>
/// Every link and resource of a built site that leads nowhere: an href or src to a file that does not exist (a page, a download, a script),
/// or an #anchor that its page does not have. Addresses with a scheme (https:, mailto:) are not followed: the check runs offline.
/// Script bodies are skipped (their text is code, not links); script tags' own src is checked.
/// </summary>
internal static partial class SiteLinkCheck
{
    /// <summary>One line per broken link, "page: target (why)"; empty when every link leads somewhere.</summary>
    public static IReadOnlyList<string> Broken(string site)
    {
        var broken = new List<string>();
        var ids = new Dictionary<string, HashSet<string>>();
        foreach (var page in Directory.GetFiles(site, "*.html", SearchOption.AllDirectories))
        {
            var html = ScriptBody().Replace(File.ReadAllText(page), "$1</script>");
            foreach (var target in Reference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["target"].Value)).Distinct())
            {
                if (Check(site, page, target, ids) is { } why)
                {
                    broken.Add($"{Path.GetRelativePath(site, page)}: {target} ({why})");
                }
            }
        }

        return broken;
    }

    /// <summary>Every link of the page <paramref name="html"/> outside scripts, in order.</summary>
    public static IReadOnlyList<string> Links(string html) =>
        Reference().Matches(ScriptBody().Replace(html, "$1</script>")).Select(m => WebUtility.HtmlDecode(m.Groups["target"].Value)).ToList();

    private static string? Check(string site, string page, string target, Dictionary<string, HashSet<string>> ids)
    {
        if (Scheme().IsMatch(target))
        {
            return null;
        }

        if (target.Length == 0)
        {
            return "empty address";
        }

        var hash = target.IndexOf('#');
        var path = (hash >= 0 ? target[..hash] : target).Split('?')[0];
        var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
        if (Directory.Exists(file))
        {
            file = Path.Combine(file, "index.html");
        }

        if (!file.StartsWith(Path.GetFullPath(site), StringComparison.Ordinal))
        {
            return "outside the site";
        }

        if (!File.Exists(file))
        {
            return "no such file";
        }

        // A browser looks for the fragment as written, then percent-decoded (nbconvert writes heading ids percent-encoded).
        var fragment = hash >= 0 ? target[(hash + 1)..] : "";
        var found = IdsOf(file, ids);
        return fragment.Length == 0 || found.Contains(fragment) || found.Contains(Uri.UnescapeDataString(fragment)) ? null : "no such anchor on that page";
    }

    private static HashSet<string> IdsOf(string file, Dictionary<string, HashSet<string>> ids)
    {
        if (!ids.TryGetValue(file, out var found))
        {
            found = Id().Matches(File.ReadAllText(file)).Select(m => WebUtility.HtmlDecode(m.Groups["id"].Value)).ToHashSet(StringComparer.Ordinal);
            ids[file] = found;
        }

        return found;
    }

    [GeneratedRegex(@"(<script\b[^>]*>)[\s\S]*?</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBody();

    [GeneratedRegex(@"\s(?:href|src)\s*=\s*""(?<target>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\s(?:id|name)\s*=\s*""(?<id>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Id();

    [GeneratedRegex(@"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")]
    private static partial Regex Scheme();
}

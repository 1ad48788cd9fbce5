using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// Rewrites the relative links of the course's markdown for the website: a course notebook becomes its page, the glossary its page,
/// README.md the home page; any other file of the repository points at the repository on GitHub, or, when no repository is known,
/// stays as text naming the file (a link that would lead nowhere is never written). Addresses with a scheme and #anchors are kept.
/// </summary>
/// <param name="pages">The site's page names (for example "00-setup", "00-setup-solutions").</param>
/// <param name="repositoryUrl">The repository on GitHub (https://github.com/OWNER/NAME), or null when none is known.</param>
internal sealed partial class CourseLinks(IReadOnlySet<string> pages, string? repositoryUrl)
{
    /// <summary><paramref name="markdown"/> from the repository folder <paramref name="folder"/> ("" for the root, "notebooks/solutions"...).</summary>
    public string Rewrite(string markdown, string folder) => Link().Replace(markdown, match =>
    {
        var target = match.Groups["target"].Value;
        if (target.StartsWith('#') || Scheme().IsMatch(target))
        {
            return match.Value;
        }

        var hash = target.IndexOf('#');
        var fragment = hash >= 0 ? target[hash..] : "";
        var path = Resolve(folder, hash >= 0 ? target[..hash] : target);
        var page = PageFor(path);
        if (page is not null)
        {
            return $"[{match.Groups["text"].Value}]({page}{fragment})";
        }

        return repositoryUrl is not null
            ? $"[{match.Groups["text"].Value}]({repositoryUrl}/{(target.EndsWith('/') ? "tree" : "blob")}/HEAD/{path}{fragment})"
            : $"{match.Groups["text"].Value} (`{path}` in the repository)";
    });

    // The page for a repository path, or null when the site has none.
    private string? PageFor(string path)
    {
        if (path == "README.md")
        {
            return SitePage.HomeName + ".html";
        }

        if (path == "notebooks/GLOSSARY.md")
        {
            return SitePage.GlossaryName + ".html";
        }

        var name = Path.GetFileNameWithoutExtension(path);
        return path.EndsWith(".ipynb", StringComparison.Ordinal) && pages.Contains(name) ? name + ".html" : null;
    }

    // A repository-relative path: "../00-setup.ipynb" from "notebooks/solutions" is "notebooks/00-setup.ipynb".
    private static string Resolve(string folder, string target)
    {
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in Uri.UnescapeDataString(target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts) + (target.EndsWith('/') ? "/" : "");
    }

    [GeneratedRegex(@"(?<!!)\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}

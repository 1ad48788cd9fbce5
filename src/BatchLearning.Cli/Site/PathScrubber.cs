using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// Removes this machine's absolute paths from the outputs shown on the website: the repository's and the run folder's own paths become
/// relative, a home folder (this user's, /root/ or /home/NAME/) becomes "~/". A reader sees where a file is, not who ran the course where.
/// </summary>
/// <param name="folders">Folders whose path is dropped (the repository, the folder of executed notebooks), most specific first.</param>
internal sealed partial class PathScrubber(IReadOnlyList<string> folders)
{
    private readonly IReadOnlyList<string> _folders = folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)) + "/")
        .Where(f => f.Length > 1).OrderByDescending(f => f.Length).ToList();

    /// <summary>The text with the paths shortened.</summary>
    public string Scrub(string text)
    {
        foreach (var folder in _folders)
        {
            text = text.Replace(folder, "", StringComparison.Ordinal);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 1)
        {
            text = text.Replace(Path.TrimEndingDirectorySeparator(home) + "/", "~/", StringComparison.Ordinal);
        }

        return Home().Replace(text, "~/");
    }

    [GeneratedRegex(@"(?<![\w.~/-])/(?:root|home/[A-Za-z0-9._-]+)/")]
    private static partial Regex Home();
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// The GitHub repository the website links to (Codespaces, files that have no page): the <c>--repository</c> option, else the
/// GITHUB_REPOSITORY variable (set in GitHub Actions), else the git remote "origin" when it is on github.com; null when none is known.
/// </summary>
internal static partial class GitHubRepository
{
    /// <summary>The repository as OWNER/NAME, or null.</summary>
    /// <exception cref="SiteBuildException"><paramref name="option"/> is given but is not OWNER/NAME.</exception>
    public static string? Resolve(string? option, string repositoryRoot)
    {
        if (option is not null)
        {
            return OwnerAndName().IsMatch(option)
                ? option
                : throw new SiteBuildException($"--repository must be a GitHub repository as OWNER/NAME (for example octo-org/BatchLearning); got '{option}'.");
        }

        var fromActions = Environment.GetEnvironmentVariable("GITHUB_REPOSITORY");
        return !string.IsNullOrEmpty(fromActions) && OwnerAndName().IsMatch(fromActions) ? fromActions : FromRemote(OriginUrl(repositoryRoot));
    }

    /// <summary>OWNER/NAME from a remote address on github.com (https or ssh), or null for any other address.</summary>
    public static string? FromRemote(string? url)
    {
        var match = url is null ? Match.Empty : Remote().Match(url.Trim());
        return match.Success ? $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}" : null;
    }

    private static string? OriginUrl(string repositoryRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-C", repositoryRoot, "remote", "get-url", "origin" })
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start)!;
            var url = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? url : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: no remote known
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")]
    private static partial Regex OwnerAndName();

    [GeneratedRegex(@"github\.com[:/](?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex Remote();
}

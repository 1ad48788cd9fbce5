using System.CommandLine;
using BatchLearning.Runner;
using Spectre.Console;

namespace BatchLearning.Cli.Site;

/// <summary>
/// <c>site</c>: builds the course website (artifacts/site) from a course run's executed notebooks: the course map as home page, every notebook
/// and worked solution with its outputs and charts, the glossary, a sidebar, previous/next links, search, downloads and the run's machine.
/// Exit codes: 0 built, 1 the input or a tool is missing (one line saying what to do).
/// </summary>
internal static class SiteCommand
{
    /// <summary>The <c>site</c> command.</summary>
    internal static Command Create(IAnsiConsole console)
    {
        var from = new Option<string>("--from") { Description = "The folder of executed notebooks a course run wrote; defaults to artifacts/notebooks.", HelpName = "DIR" };
        var output = new Option<string>("--output") { Description = "Where to write the site; defaults to artifacts/site (replaced when it holds a site built before).", HelpName = "DIR" };
        var repository = new Option<string>("--repository")
        {
            Description = "The GitHub repository (OWNER/NAME) for the \"Open in a Codespace\" links; defaults to GITHUB_REPOSITORY, else the git remote origin on github.com.",
            HelpName = "OWNER/NAME",
        };
        var command = new Command("site", "Builds the course website (artifacts/site/index.html) from the course run's executed notebooks: pages by nbconvert, search by pagefind.")
        {
            from, output, repository,
        };
        command.SetAction((parsed, cancellationToken) => BuildAsync(parsed.GetValue(from), parsed.GetValue(output), parsed.GetValue(repository), console, cancellationToken));
        return command;
    }

    private static async Task<int> BuildAsync(string? from, string? output, string? repository, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var layout = RepositoryLayout.Find(Directory.GetCurrentDirectory());
        var options = new SiteOptions(
            layout.Root,
            from is null ? layout.NotebookArtifacts : Path.GetFullPath(from),
            output is null ? Path.Combine(layout.Root, "artifacts", "site") : Path.GetFullPath(output),
            repository);
        console.WriteLine($"Building the course website from {Shown(options.Executed)} into {Shown(options.Output)}...");
        try
        {
            var site = await SiteBuilder.BuildAsync(options, cancellationToken);
            console.WriteLine($"{site.Pages.Count} pages in {site.Elapsed.TotalSeconds:0.0} s; " +
                              (site.Repository is null ? "no GitHub repository known, so no Codespace links (give --repository OWNER/NAME)." : $"Codespace links to {site.Repository}."));
            console.WriteLine($"Open {Shown(site.Home)} (search works when the folder is served over HTTP: python3 -m http.server -d {Shown(site.Output)}).");
            return 0;
        }
        catch (SiteBuildException error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            return 1;
        }
    }

    private static string Shown(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}

using System.Diagnostics;
using System.Text.Json;
using BatchLearning.Runner;

namespace BatchLearning.Cli.Site;

/// <summary>
/// Builds the course website from a course run's executed notebooks: nbconvert (Debian's jupyter-nbconvert) renders every page with the
/// template site/batchlearning-page, and pagefind (pinned in site/package.json, installed with npm ci on first use) indexes them for search.
/// The site reads offline and from plain files (search needs it served over HTTP); plotly.js and the style sheet are files of the site.
/// </summary>
internal static class SiteBuilder
{
    /// <summary>The file that marks a folder as a site this command built, so a rebuild may replace it.</summary>
    public const string Marker = ".batchlearning-site";

    private const string TemplateName = "batchlearning-page";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the site described by <paramref name="options"/>.</summary>
    /// <exception cref="SiteBuildException">The input is missing or unreadable, the output folder is not one this command may replace, or a tool fails.</exception>
    public static async Task<SiteBuildResult> BuildAsync(SiteOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var site = Plan(options);
        PrepareOutput(options);
        var staging = Directory.CreateTempSubdirectory("batchlearning-site-").FullName;
        try
        {
            var notebooks = site.Pages.Select((page, index) => WriteJson(Path.Combine(staging, page.Name + ".ipynb"), PageNotebook.Create(site, index))).ToList();
            await Nbconvert.RunAsync(NbconvertArguments(options, notebooks), staging, cancellationToken);
            CopyFiles(site, options);
            await IndexAsync(options, cancellationToken);
            File.WriteAllText(Path.Combine(options.Output, Marker), "Built by: dotnet run --project src/BatchLearning.Cli -- site\n");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        return new SiteBuildResult(options.Output, site.Pages, site.Frame.Repository, watch.Elapsed);
    }

    // Everything read before anything is written: a bad input stops the build with the output folder untouched.
    private static SiteContext Plan(SiteOptions options)
    {
        var root = options.RepositoryRoot;
        var map = CourseMap.Read(Path.Combine(root, "README.md"));
        var pages = SitePlan.Create(root, map, options.Executed);
        var glossary = Glossary.Read(Path.Combine(root, "notebooks", "GLOSSARY.md"));
        var repository = GitHubRepository.Resolve(options.Repository, root);
        var written = Directory.GetFiles(options.Executed, "*.ipynb").Max(File.GetLastWriteTimeUtc);
        var links = new CourseLinks(pages.Select(p => p.Name).ToHashSet(), repository is null ? null : $"https://github.com/{repository}");
        var frame = SiteFrame.Create(CourseRunRecord.Load(options.Executed), new DateTimeOffset(written, TimeSpan.Zero), repository);
        return new SiteContext(map, pages, glossary, links, new PathScrubber([options.Executed, root]), frame);
    }

    private static void PrepareOutput(SiteOptions options)
    {
        var output = Path.GetFullPath(options.Output);
        if (File.Exists(output))
        {
            throw new SiteBuildException($"{output} is a file: give --output a folder for the site (default artifacts/site).");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            if (!File.Exists(Path.Combine(output, Marker)))
            {
                throw new SiteBuildException($"{output} is not empty and holds no site built by this command ({Marker} is missing): " +
                                             "give --output an empty or new folder, so nothing of yours is deleted.");
            }

            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(output, "downloads"));
    }

    private static string WriteJson(string path, System.Text.Json.Nodes.JsonObject notebook)
    {
        File.WriteAllText(path, notebook.ToJsonString(Indented) + "\n");
        return path;
    }

    private static readonly ExternalTool Nbconvert =
        new("jupyter", "nbconvert (the notebook pages)", "Install it with: apt-get install -y jupyter-nbconvert (Debian and Ubuntu), or pip install nbconvert.");

    private static IEnumerable<string> NbconvertArguments(SiteOptions options, IEnumerable<string> notebooks) =>
    [
        "nbconvert", "--to", "html", "--template", TemplateName, $"--TemplateExporter.extra_template_basedirs={options.Tools}",
        "--no-prompt", "--output-dir", options.Output, .. notebooks,
    ];

    // plotly.js and the style sheet beside the pages; each executed notebook and its lesson under downloads/.
    private static void CopyFiles(SiteContext site, SiteOptions options)
    {
        File.Copy(PlotlyScript(options), Path.Combine(options.Output, NotebookHtml.PlotlyFileName));
        File.Copy(Path.Combine(options.Tools, "site.css"), Path.Combine(options.Output, "site.css"));
        foreach (var page in site.Pages)
        {
            if (page.NotebookDownload is { } notebook)
            {
                WriteJson(Path.Combine(options.Output, notebook), PageNotebook.Download(page, site.Scrubber));
            }

            if (page.LessonDownload is { } lesson)
            {
                File.Copy(Path.Combine(options.RepositoryRoot, page.Lesson!), Path.Combine(options.Output, lesson));
            }
        }
    }

    // The CLI's own copy (built beside it), else the one the course run put beside its pages.
    private static string PlotlyScript(SiteOptions options) =>
        new[] { Path.Combine(AppContext.BaseDirectory, "assets", NotebookHtml.PlotlyFileName), Path.Combine(options.Executed, NotebookHtml.PlotlyFileName) }
            .FirstOrDefault(File.Exists)
        ?? throw new SiteBuildException($"No {NotebookHtml.PlotlyFileName} beside the CLI or in {options.Executed}: build the CLI (dotnet build src/BatchLearning.Cli) or run the course again.");

    // pagefind from site/node_modules (npm ci installs the pinned version on first use).
    private static async Task IndexAsync(SiteOptions options, CancellationToken cancellationToken)
    {
        var pagefind = Path.Combine(options.Tools, "node_modules", ".bin", "pagefind");
        if (!File.Exists(pagefind))
        {
            var npm = new ExternalTool("npm", "installing pagefind (the search index) from site/package-lock.json", "Install Node.js and npm (apt-get install -y npm).");
            await npm.RunAsync(["ci", "--no-audit", "--no-fund"], options.Tools, cancellationToken);
        }

        var index = new ExternalTool(pagefind, "pagefind (the search index)", "Run npm ci in site/ to install it.");
        await index.RunAsync(["--site", Path.GetFullPath(options.Output), "--force-language", "en", "--exclude-selectors", ".anchor-link"], options.Tools, cancellationToken);
    }
}

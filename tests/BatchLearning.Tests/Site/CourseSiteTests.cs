using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Cli.Site;
using BatchLearning.Tests.FrontEnds;
using BatchLearning.Tests.Notebooks;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.Site;

/// <summary>
/// The course website built from real executed notebooks (<see cref="ExecutedCourse"/>) and opened in headless Chromium over HTTP:
/// charts drawn with no console error on every page, no link that leads nowhere, search, the sidebar's order, and pages that read well.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public sealed partial class CourseSiteTests(ITestOutputHelper output)
{
    private static readonly Lazy<Task<SiteBuildResult>> Built = new(BuildAsync);

    private static async Task<SiteBuildResult> BuildAsync()
    {
        var executed = await ExecutedCourse.FolderAsync();
        var options = new SiteOptions(Repository.Layout.Root, executed, Path.Combine(Repository.NewTemporaryFolder(), "site"), "octo-org/BatchLearning");
        return await BesideTheKernels("site build", () => SiteBuilder.BuildAsync(options, CancellationToken.None));
    }

    // nbconvert and Chromium take a kernel's slot, one at a time and never beside a notebook run under load, whose timings they would disturb;
    // artifacts/test-runs.tsv records each, named by `what`.
    private static Task<T> BesideTheKernels<T>(string what, Func<Task<T>> work) => NotebookRuns.InKernelSlotAsync(_ => RunTimings.RecordAsync(what, work));

    // The map's order written out independently of the site's code: home, each notebook of README's table then its solutions, glossary.
    private static IReadOnlyList<string> ExpectedOrder()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Layout.Root, "README.md"));
        var map = readme[readme.IndexOf("## The course map", StringComparison.Ordinal)..];
        map = map[..map.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var notebooks = Regex.Matches(map, @"^\|.*\]\(notebooks/([^)/]+)\.ipynb\)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Distinct();
        return ["index.html", .. notebooks.SelectMany(n => new[] { n + ".html", n + "-solutions.html" }), "glossary.html"];
    }

    [SiteFact]
    public async Task Every_page_draws_its_charts_with_no_console_error_and_no_sideways_scrolling()
    {
        HeadlessChromium.RequireExecutable();
        var site = await Built.Value;
        await using var server = new StaticSiteServer(site.Output);
        var charts = 0;
        foreach (var page in site.Pages)
        {
            var checkedPage = $"{page.Name}.checked.html";
            File.WriteAllText(Path.Combine(site.Output, checkedPage), HeadlessChromium.WithChecks(File.ReadAllText(Path.Combine(site.Output, page.Href))));
            var report = await BesideTheKernels($"site page {page.Name} in chromium", () => HeadlessChromium.OpenAsync(new Uri(server.BaseAddress, checkedPage), output));
            File.Delete(Path.Combine(site.Output, checkedPage));
            output.WriteLine($"{page.Name}: {report.Charts.Count} chart(s), console errors: {string.Join(" / ", report.ConsoleErrors)}");
            Assert.All(report.Charts, c => Assert.True(c.Drawn && c.TracesInFigure > 0 && c.TracesDrawn >= c.TracesInFigure, $"{page.Name}: {c}"));
            Assert.True(report.ConsoleErrors.Count == 0, $"{page.Name}: {string.Join(" / ", report.ConsoleErrors)}");
            Assert.False(report.PageWiderThanWindow, $"{page.Name}: a long line or a wide table made the whole page scroll sideways");
            Assert.True(report.PlotlyScripts <= 1, $"{page.Name}: {report.PlotlyScripts} plotly.js script tags");
            charts += report.Charts.Count;
        }

        Assert.True(charts >= 20, $"only {charts} charts on the whole site: the notebooks' charts are missing");
    }

    [SiteFact]
    public async Task No_link_or_download_on_the_site_leads_nowhere()
    {
        var site = await Built.Value;
        Assert.Empty(SiteLinkCheck.Broken(site.Output));
        foreach (var page in site.Pages.Where(p => p.Kind is SitePageKind.Notebook or SitePageKind.Solution))
        {
            var links = SiteLinkCheck.Links(File.ReadAllText(Path.Combine(site.Output, page.Href)));
            Assert.Contains($"downloads/{page.Name}.ipynb", links);
            Assert.Contains($"downloads/{page.Name}.cs", links);
            Assert.Contains("https://codespaces.new/octo-org/BatchLearning?quickstart=1", links);
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(site.Output, "downloads", page.Name + ".ipynb")))!["cells"]);
        }
    }

    [SiteFact]
    public async Task The_sidebar_lists_the_course_map_in_order_and_previous_and_next_follow_it()
    {
        var site = await Built.Value;
        var expected = ExpectedOrder();
        Assert.Equal(expected, site.Pages.Select(p => p.Href));
        for (var i = 0; i < expected.Count; i++)
        {
            var html = File.ReadAllText(Path.Combine(site.Output, expected[i]));
            var sidebar = html[html.IndexOf("class=\"site-map\"", StringComparison.Ordinal)..html.IndexOf("</ol>", StringComparison.Ordinal)];
            Assert.Equal(expected, SiteLinkCheck.Links(sidebar));
            Assert.Equal(i > 0 ? expected[i - 1] : null, Regex.Match(html, "rel=\"prev\" href=\"([^\"]+)\"") is { Success: true } p ? p.Groups[1].Value : null);
            Assert.Equal(i < expected.Count - 1 ? expected[i + 1] : null, Regex.Match(html, "rel=\"next\" href=\"([^\"]+)\"") is { Success: true } n ? n.Groups[1].Value : null);
        }
    }

    [SiteFact]
    public async Task Search_finds_a_glossary_term_and_a_notebook_title()
    {
        HeadlessChromium.RequireExecutable();
        var site = await Built.Value;
        var check = Path.Combine(site.Output, "search-check.html");
        File.Copy(Path.Combine(Repository.TestsFolder, "Site", "fixtures", "search-check.html"), check);
        string? report;
        await using (var server = new StaticSiteServer(site.Output))
        {
            var (dom, _, _) = await BesideTheKernels("site search in chromium", () => HeadlessChromium.DumpDomAsync(new Uri(server.BaseAddress, "search-check.html?q=roofline&q=" + Uri.EscapeDataString("Batched inference in production"))));
            File.Delete(check);
            report = HeadlessChromium.Attribute(dom, "data-search-report");
            Assert.True(report is not null, $"the search check wrote no report; requests: {string.Join(", ", server.Requests)}");
        }

        output.WriteLine(report);
        var results = JsonNode.Parse(report!)!.AsObject();
        Assert.Null(results["error"]);
        Assert.Contains("/glossary", Urls(results, "roofline"));
        Assert.Equal("/04-batched-inference", Urls(results, "Batched inference in production").First());
        Assert.Equal("04 · Batched inference in production", (string?)results["Batched inference in production"]![0]!["title"]);
    }

    private static IReadOnlyList<string> Urls(JsonObject results, string query) =>
        results[query]!.AsArray().Select(r => Regex.Replace((string)r!["url"]!, @"\.html$", "")).ToList();

    [SiteFact]
    public async Task Every_page_says_which_run_measured_it_shows_no_absolute_path_or_raw_17_digit_number_and_links_glossary_terms()
    {
        var site = await Built.Value;
        foreach (var page in site.Pages)
        {
            var html = File.ReadAllText(Path.Combine(site.Output, page.Href));
            var shown = Regex.Replace(html, @"<script\b[\s\S]*?</script>|<style\b[\s\S]*?</style>", "", RegexOptions.IgnoreCase);
            Assert.DoesNotMatch(@"(?<![\w.~])/(?:root|home|work|tmp)/", shown);
            Assert.DoesNotContain(Repository.Layout.Root, shown);
            Assert.DoesNotMatch(@"\d\.\d{12,}|\d{13,}", Regex.Replace(shown, "<[^>]+>", " "));
            Assert.Contains("measurements of that machine", html);
            Assert.Contains("href=\"https://codespaces.new/octo-org/BatchLearning?quickstart=1\"", html);
            var terms = Regex.Matches(html, "href=\"glossary.html#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            if (page.Kind is SitePageKind.Notebook)
            {
                Assert.True(terms.Count >= 5, $"{page.Name} links only {terms.Count} glossary terms");
            }
        }
    }
}

using System.Text.Json.Nodes;
using BatchLearning.Charts;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.FrontEnds;

/// <summary>
/// Chart HTML in a real browser (headless Chromium): on a page with require.js, as nbconvert's HTML export, the classic Jupyter Notebook
/// and JupyterLab after the .NET kernel's setup output have it, and on one without, as VS Code and the runner's pages.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class ChartPageTests(ITestOutputHelper output)
{
    private const string RequireJsFile = "/usr/share/javascript/requirejs/require.js";

    internal static Chart[] Charts() =>
    [
        Chart.Of("Throughput vs batch size", new Axis("batch size", Logarithmic: true), new Axis("samples/s", Logarithmic: true),
            new ChartSeries("measured", [1, 8, 64, 512], [900, 6500, 41000, 160000]),
            new ChartSeries("ceiling", [1, 512], [200000, 200000], SeriesStyle.Lines)),
        Chart.Of("Cost per day", new Axis("mode"), new Axis("US$"), new ChartSeries("cost", [1, 2], [3.5, 1.75], SeriesStyle.Bars)),
        Chart.Of("Accuracy over seeds", new Axis("epoch"), new Axis("accuracy"),
            new ChartSeries("mean", [1, 2, 3], [0.8, 0.9, 0.93], SeriesStyle.LinesWithBand, ErrorY: [0.05, 0.03, 0.02])),
        Chart.Of("Loss by batch size and learning rate", new Axis("batch size"), new Axis("learning rate"),
            new ChartSeries("loss", [8, 64, 8, 64], [0.1, 0.1, 0.01, 0.01], SeriesStyle.HeatMap, Z: [0.3, 0.5, 0.4, double.NaN])),
    ];

    internal static string PlotlyFile()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "assets", "plotly.min.js");
        if (File.Exists(beside))
        {
            return beside;
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Directory.EnumerateFiles(Path.Combine(packages, "plotly.blazor"), "plotly-*.min.js", SearchOption.AllDirectories).FirstOrDefault();
        return cached ?? throw new FileNotFoundException("plotly.min.js is neither beside the tests (assets/) nor in the Plotly.Blazor package.");
    }

    private static string WritePage(string head, string body, bool withPlotly = true)
    {
        var folder = Repository.NewTemporaryFolder();
        if (withPlotly)
        {
            File.Copy(PlotlyFile(), Path.Combine(folder, "plotly.min.js"));
        }

        if (File.Exists(RequireJsFile))
        {
            File.Copy(RequireJsFile, Path.Combine(folder, "require.js"));
        }
        else
        {
            File.Copy(Path.Combine(HeadlessChromium.Fixtures, "amd-shim.js"), Path.Combine(folder, "require.js"));
        }

        var page = Path.Combine(folder, "page.html");
        File.WriteAllText(page, HeadlessChromium.Page(head, body));
        return page;
    }

    private static int TraceCount(Chart chart) => JsonNode.Parse(chart.ToPlotlyJson())!["data"]!.AsArray().Count;

    private void AssertEveryChartDrew(PageReport report, Chart[] charts)
    {
        output.WriteLine(string.Join("\n", report.Charts));
        Assert.Equal(charts.Length, report.Charts.Count);
        for (var i = 0; i < charts.Length; i++)
        {
            var drawn = report.Charts[i];
            Assert.True(drawn.Drawn, $"chart {i + 1} ('{charts[i].Title}') was not drawn: {drawn}");
            Assert.Equal(TraceCount(charts[i]), drawn.TracesInFigure);
            Assert.True(drawn.TracesDrawn >= drawn.TracesInFigure, $"chart {i + 1} drew {drawn.TracesDrawn} of {drawn.TracesInFigure} traces");
            Assert.Equal("", drawn.Note);
        }

        Assert.Empty(report.ConsoleErrors);
        Assert.Equal(1, report.PlotlyScripts);
    }

    [ChromiumFact]
    public async Task Every_chart_draws_on_a_page_with_require_js_and_plotly_is_loaded_once()
    {
        HeadlessChromium.RequireExecutable();

        var charts = Charts();
        var page = WritePage("<script src=\"require.js\"></script>", string.Join("\n", charts.Select(c => c.ToHtml("plotly.min.js"))));

        var report = await HeadlessChromium.OpenAsync(page, output);

        Assert.True(report.RequireJs, "the page should have require.js's define.amd and require");
        AssertEveryChartDrew(report, charts);
    }

    [ChromiumFact]
    public async Task Every_chart_draws_on_a_page_without_require_js_and_plotly_is_loaded_once()
    {
        HeadlessChromium.RequireExecutable();

        var charts = Charts();
        var page = WritePage("", string.Join("\n", charts.Select(c => c.ToHtml("plotly.min.js"))));

        var report = await HeadlessChromium.OpenAsync(page, output);

        Assert.False(report.RequireJs);
        AssertEveryChartDrew(report, charts);
    }

    [ChromiumFact]
    public async Task A_chart_uses_the_plotly_the_page_already_has_without_loading_another()
    {
        HeadlessChromium.RequireExecutable();

        var charts = Charts();
        var page = WritePage("<script src=\"plotly.min.js\"></script>", string.Join("\n", charts.Select(c => c.ToHtml("elsewhere/plotly.js"))));

        var report = await HeadlessChromium.OpenAsync(page, output);

        AssertEveryChartDrew(report, charts);
        Assert.DoesNotContain("elsewhere/plotly.js\"", report.Dom.Replace("url = \"elsewhere/plotly.js\"", ""));
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Where_plotly_cannot_load_each_chart_box_shows_a_one_line_note_instead_of_staying_blank(bool requireJs)
    {
        HeadlessChromium.RequireExecutable();

        var charts = Charts();
        var page = WritePage(requireJs ? "<script src=\"require.js\"></script>" : "", string.Join("\n", charts.Select(c => c.ToHtml("offline/plotly.min.js"))), withPlotly: false);

        var report = await HeadlessChromium.OpenAsync(page, output);

        Assert.Equal(charts.Length, report.Charts.Count);
        Assert.All(report.Charts, chart =>
        {
            Assert.False(chart.Drawn);
            Assert.StartsWith("Chart not drawn: plotly.js could not be loaded from offline/plotly.min.js", chart.Note);
        });
        Assert.Equal(1, report.PlotlyScripts);
        Assert.All(report.ConsoleErrors, e => Assert.Contains("plotly.min.js", e));
    }
}

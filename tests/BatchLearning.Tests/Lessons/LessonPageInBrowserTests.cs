using BatchLearning.Notebook;
using BatchLearning.Tests.FrontEnds;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.Lessons;

/// <summary>A lesson's page (artifacts/lessons/NAME.html) in headless Chromium: offline, every chart drawn by the local plotly.js.</summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class LessonPageInBrowserTests(ITestOutputHelper output)
{
    private sealed record Row(string Name, double Seconds);

    [ChromiumFact]
    public async Task A_lesson_page_draws_every_chart_with_the_plotly_copy_beside_it_and_no_script_error()
    {
        var page = Path.Combine(Repository.NewTemporaryFolder(), "artifacts", "lessons", "09-demo.html");
        var lesson = new LessonConsole("09-demo", LessonArguments.Parse([], "09-demo", []), new StringWriter(), new LessonPage(page, "09 · Demo", "lessons/09-demo.cs"), liveInPlace: false);
        lesson.Begin("09 · Demo", ChartPageTests.PlotlyFile());
        var charts = ChartPageTests.Charts();
        lesson.Section("Charts and a table");
        foreach (var chart in charts)
        {
            lesson.Show(chart);
        }

        lesson.Show(new[] { new Row("batch 1", 15.697245508982036), new Row("batch 64", 0.25) });
        lesson.Finish();

        var html = File.ReadAllText(page);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(page)!, LessonPage.PlotlyFileName)));
        Assert.DoesNotContain("cdn.plot.ly", html, StringComparison.Ordinal);
        HeadlessChromium.RequireExecutable();

        var checkedPage = Path.Combine(Path.GetDirectoryName(page)!, "checked.html");
        File.WriteAllText(checkedPage, HeadlessChromium.WithChecks(html));
        var report = await HeadlessChromium.OpenAsync(checkedPage, output);

        Assert.Equal(charts.Length, report.Charts.Count);
        Assert.All(report.Charts, c => Assert.True(c.Drawn && c.TracesDrawn >= c.TracesInFigure && c.TracesInFigure > 0, c.ToString()));
        Assert.Equal(1, report.PlotlyScripts);
        Assert.Empty(report.ConsoleErrors);
    }
}

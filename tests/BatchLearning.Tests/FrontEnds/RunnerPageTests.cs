using System.Text.Json.Nodes;
using BatchLearning.Charts;
using BatchLearning.Runner;
using BatchLearning.Tables;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.FrontEnds;

/// <summary>The course runner's offline pages (NotebookHtml) in headless Chromium.</summary>
public sealed class RunnerPageTests(ITestOutputHelper output)
{
    private sealed record Row(string Name, double Seconds, double? Accuracy, int Batch, double Loss);

    private sealed record WideRow(
        string RunName, double ThroughputSamplesPerSecond, double LatencyP50Milliseconds, double LatencyP99Milliseconds, double CostPerMillionUsd,
        double TrainingLossAfterLastEpoch, double TestAccuracyAfterLastEpoch, int BatchSizeUsedForThisRun, int UpdatesDoneInTotal, string DeviceAndBackend,
        double PeakMemoryMegabytes, double GigaflopsPerSecondMeasured);

    /// <summary>A run notebook like the course's: a long result sentence, tables narrow and wide, two charts and a path of this machine.</summary>
    internal static (string Page, string Folder) WriteRunnerPage()
    {
        var folder = Repository.NewTemporaryFolder();
        var notebook = Path.Combine(folder, "sample.ipynb");
        File.WriteAllText(notebook, """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Sample\n", "A runner page."]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["$\"Best: ...\""]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["rows.ToDataFrame()"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["wide.ToDataFrame()"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["charts"]}
            ]}
            """);
        var sentence = "Best: 212 GFLOP/s at n = 2048. At n = 64 the same machine reached 15.697245508982036 GFLOP/s (7% of the best), " +
                       "so a small product leaves most of the machine idle; batching many small products into one call fills it again. " +
                       $"Data read from {Path.Combine(folder, "data", "digits.csv")} and {Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "x")}.";
        var rows = new[] { new Row("batch 1", 15.697245508982036, 0.91234, 1, 0.000012345), new Row("batch 64", 1234.5, null, 64, double.NaN) }.ToDataFrame();
        var wide = Enumerable.Range(0, 3).Select(i => new WideRow($"run {i}", 123456.789 * (i + 1), 1.23456, 9.87654, 0.1234567, 0.0456789, 0.93456, 64 << i, 10000 * (i + 1), "cpu (CPU)", 512.25, 187.654321)).ToDataFrame();
        var charts = ChartPageTests.Charts();
        CellOutput Html(string html) => new(CellOutputKind.Result, new Dictionary<string, string> { ["text/html"] = html, ["text/plain"] = "" });
        CellOutput Figure(Chart chart) => new(CellOutputKind.Display, new Dictionary<string, string> { [Chart.PlotlyMimeType] = chart.ToPlotlyJson(), ["text/html"] = chart.ToHtml() });
        var executions = new Dictionary<int, CellExecution>
        {
            [1] = new(true, [Html($"<div class=\"dni-plaintext\"><pre>{System.Net.WebUtility.HtmlEncode(sentence)}</pre></div>"), CellOutput.OfText(CellOutputKind.StandardOutput, sentence)], null, 0.1),
            [2] = new(true, [Html(DataFrameDisplay.ToHtml(rows))], null, 0.1),
            [3] = new(true, [Html(DataFrameDisplay.ToHtml(wide)), Html("<table><tr>" + string.Concat(Enumerable.Range(0, 30).Select(i => $"<td>column_number_{i}</td>")) + "</tr></table>")], null, 0.1),
            [4] = new(true, charts.Select(Figure).ToList(), null, 0.1),
        };
        var run = new NotebookRun(NotebookDocument.Load(notebook), new NotebookRunResult("sample", "ok", 1.0, []), executions);
        File.Copy(ChartPageTests.PlotlyFile(), Path.Combine(folder, NotebookHtml.PlotlyFileName));
        var page = Path.Combine(folder, "sample.html");
        File.WriteAllText(page, NotebookHtml.Render(run));
        return (page, folder);
    }

    [Fact]
    public void A_runner_page_wraps_long_text_rounds_table_numbers_and_shows_no_absolute_path()
    {
        var (page, folder) = WriteRunnerPage();
        var html = File.ReadAllText(page);
        Assert.DoesNotContain(folder, html);
        Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/", html);
        Assert.Contains("data/digits.csv", html);
        Assert.Contains("~/.nuget/packages", html);
        Assert.Contains("white-space: pre-wrap", html);
        Assert.DoesNotContain("15.697245508982036</td>", html);
        Assert.Contains(">15.7</td>", html);
    }

    [ChromiumFact]
    [Trait(Tier.Name, Tier.Full)]
    public async Task A_runner_page_draws_every_chart_and_scrolls_wide_tables_in_their_box_in_a_browser()
    {
        HeadlessChromium.RequireExecutable();
        var (page, _) = WriteRunnerPage();
        var html = File.ReadAllText(page);
        var checkedPage = Path.Combine(Path.GetDirectoryName(page)!, "checked.html");
        File.WriteAllText(checkedPage, HeadlessChromium.WithChecks(html));
        var report = await HeadlessChromium.OpenAsync(checkedPage, output);

        output.WriteLine(string.Join("\n", report.Charts));
        Assert.Equal(4, report.Charts.Count);
        Assert.All(report.Charts, c => Assert.True(c.Drawn && c.TracesDrawn >= c.TracesInFigure && c.TracesInFigure > 0, c.ToString()));
        Assert.Empty(report.ConsoleErrors);
        Assert.False(report.PageWiderThanWindow, "a long line or a wide table made the whole page scroll sideways");
        Assert.Equal(1, report.PlotlyScripts);
    }

    [Fact]
    public void A_runner_page_without_its_plotly_file_shows_the_note_in_each_chart_box()
    {
        var (page, folder) = WriteRunnerPage();
        File.Delete(Path.Combine(folder, NotebookHtml.PlotlyFileName));

        var html = File.ReadAllText(page);

        Assert.Contains("<script src=\"plotly.min.js\"></script>", html);
        Assert.Contains("Plotly.newPlot('chart-1'", html);
        Assert.Contains("Chart not drawn: plotly.js could not be loaded from ", html);
        var figure = JsonNode.Parse(ChartPageTests.Charts()[0].ToPlotlyJson())!;
        Assert.Equal("log", (string?)figure["layout"]!["xaxis"]!["type"]);
    }
}

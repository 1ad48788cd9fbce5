using System.Text.Json.Nodes;
using BatchLearning.Cli.Benchmarks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Benchmarks;

public sealed class BenchReportTests
{
    private static readonly MachineInfo Machine = new("Test CPU @ 3 GHz", 2, "CPU", 2, "Linux", "10.0.0", "0.107.0", "2.10.0", "Release");

    [Fact]
    public void A_figure_is_the_median_of_its_repetitions_with_min_max_and_whether_it_meets_its_target()
    {
        var figure = BenchFigure.Of("training", "ratio", [1.02, 0.91, 0.99, 1.10, 0.97], "ratio", ">= 0.95", r => r >= 0.95);

        Assert.Equal(0.99, figure.Median);
        Assert.Equal(0.91, figure.Min);
        Assert.Equal(1.10, figure.Max);
        Assert.Equal(5, figure.Repetitions);
        Assert.True(figure.Met);
        Assert.False(BenchFigure.Of("training", "ratio", [0.9, 0.8, 0.94], "ratio", ">= 0.95", r => r >= 0.95).Met);
    }

    [Fact]
    public void The_report_writes_json_and_a_markdown_table_with_the_machine_and_every_figure()
    {
        var folder = Repository.NewTemporaryFolder();
        var report = new BenchReport(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), Quick: false, Machine,
        [
            new BenchFigure("ceiling", "matrix product n = 1024", 171.5, 160.2, 175.0, "GFLOP/s", 5),
            new BenchFigure("dynamic batcher", "overhead per request", 2.05, 0.75, 2.35, "µs", 5, "<= 10", true),
            new BenchFigure("dynamic batcher", "saturation", 0.52, 0.46, 0.58, "fraction", 5, ">= 0.90", false),
        ]);

        var (json, markdown) = report.Write(folder);

        var lines = File.ReadAllLines(markdown);
        Assert.Contains("2026-11-29 12:00 UTC", lines[0]);
        Assert.Contains("Test CPU @ 3 GHz, 2 logical cores", lines[2]);
        Assert.Contains("| ceiling | matrix product n = 1024 | 171.5 | 160.2 | 175.0 | GFLOP/s | 5 |  |  |", lines);
        Assert.Contains("| dynamic batcher | saturation | 0.520 | 0.460 | 0.580 | fraction | 5 | >= 0.90 | **no** |", lines);
        var parsed = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal(3, parsed["Figures"]!.AsArray().Count);
        Assert.Equal("Test CPU @ 3 GHz", (string?)parsed["Machine"]!["Processor"]);
    }
}

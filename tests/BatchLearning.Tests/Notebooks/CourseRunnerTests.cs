using System.Text.Json.Nodes;
using BatchLearning.Charts;
using BatchLearning.Cli;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;
using Spectre.Console;

namespace BatchLearning.Tests.Notebooks;

/// <summary>The course runner, end to end through its command line, in the real kernel.</summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class CourseRunnerTests
{
    private static string Fixture(string name) => Path.Combine(Repository.TestsFolder, "Notebooks", "fixtures", name);

    private static async Task<(int ExitCode, string Console, string Output)> RunCliAsync(params string[] arguments)
    {
        var output = Repository.NewTemporaryFolder();
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var exitCode = await CommandLine.RunAsync(["run", .. arguments, "--output", output], console, CancellationToken.None);
        return (exitCode, writer.ToString(), output);
    }

    [Fact]
    public async Task Param_values_are_injected_after_the_parameters_cell_and_recorded_in_the_summary_and_the_page()
    {
        var (exitCode, console, output) = await RunCliAsync(Fixture("parameters.ipynb"), "--param", "count=5", "--param", "myAnswer=1.5");

        Assert.True(exitCode == 0, console);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "parameters.ipynb")))!["cells"]!.AsArray();
        Assert.Equal(3, cells.Count);
        Assert.Equal("injected-parameters", (string?)cells[1]!["metadata"]!["tags"]![0]);
        Assert.Contains("count is 5, answer 1.5", cells[2]!["outputs"]!.ToJsonString());
        var entry = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!.AsArray().Single()!;
        Assert.Equal("5", (string?)entry["parameters"]!["count"]);
        Assert.Equal("1.5d", (string?)entry["parameters"]!["myAnswer"]);
        Assert.Contains("count = 5;", File.ReadAllText(Path.Combine(output, "parameters.html")));
    }

    [Theory]
    [InlineData("nope=1", "has no parameter 'nope'")]
    [InlineData("count=many", "count is a whole number")]
    [InlineData("count", "NAME=VALUE")]
    public async Task A_bad_param_is_a_usage_error_before_any_cell_runs(string assignment, string expected)
    {
        var (exitCode, console, output) = await RunCliAsync(Fixture("parameters.ipynb"), "--param", assignment);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, console);
        Assert.False(File.Exists(Path.Combine(output, "summary.json")), "nothing should have run");
    }

    [Fact]
    public async Task A_failing_cell_makes_the_runner_exit_non_zero_and_is_named_in_the_summary()
    {
        var (exitCode, console, output) = await RunCliAsync(Fixture("failing-cell.ipynb"));

        Assert.Equal(1, exitCode);
        Assert.Contains("failed", console);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!.AsArray();
        var entry = Assert.Single(summary)!;
        Assert.Equal("failing-cell", (string?)entry["name"]);
        Assert.Equal("failed", (string?)entry["status"]);
        var error = Assert.Single(entry["errors"]!.AsArray())!.ToString();
        Assert.Contains("cell 2 of 3", error);
        Assert.Contains("deliberate failure for the runner test", error);

        // The written notebook keeps the first cell's result, shows the error, and leaves the cell after it unrun.
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "failing-cell.ipynb")))!["cells"]!.AsArray();
        Assert.Contains("<pre>42</pre>", (string?)cells[1]!["outputs"]![0]!["data"]!["text/html"]);
        Assert.Equal("error", (string?)cells[2]!["outputs"]![0]!["output_type"]);
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
        Assert.True(File.Exists(Path.Combine(output, "failing-cell.html")));
    }

    [Fact]
    public async Task A_chart_and_a_live_display_render_in_the_real_kernel_and_the_chart_is_drawn_in_the_offline_page()
    {
        var (exitCode, console, output) = await RunCliAsync(Fixture("chart.ipynb"));

        Assert.True(exitCode == 0, console);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "chart.ipynb")))!["cells"]![0]!["outputs"]!.AsArray()
            .Single(o => (string?)o!["output_type"] == "execute_result")!;
        var figure = result["data"]![Chart.PlotlyMimeType]!;
        Assert.Equal(["model", "ceiling"], figure["data"]!.AsArray().Select(t => (string?)t!["name"]));
        Assert.Equal([100.0, 700.0, 4000.0], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("log", (string?)figure["layout"]!["xaxis"]!["type"]);
        Assert.Contains("newPlot", (string?)result["data"]!["text/html"]);

        // The kernel extension also connects live displays: one output, updated in place to its last value.
        var live = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "chart.ipynb")))!["cells"]![1]!["outputs"]!.AsArray();
        var shown = Assert.Single(live, o => (string?)o!["output_type"] == "display_data")!;
        Assert.Contains("epoch 3 of 3", shown["data"]!.ToJsonString());
        Assert.Contains("True", live.Single(o => (string?)o!["output_type"] == "execute_result")!["data"]!.ToJsonString());

        var page = File.ReadAllText(Path.Combine(output, "chart.html"));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.Contains("Plotly.newPlot('chart-1'", page);
        Assert.True(new FileInfo(Path.Combine(output, "plotly.min.js")).Length > 1_000_000, "the page needs the full plotly.js beside it to draw offline");
    }

    [Fact]
    public async Task A_file_that_is_not_a_notebook_is_reported_as_failed_with_the_reason()
    {
        var folder = Repository.NewTemporaryFolder();
        var broken = Path.Combine(folder, "broken.ipynb");
        await File.WriteAllTextAsync(broken, "{ \"cells\": [ this is not json");

        var (exitCode, _, output) = await RunCliAsync(broken);

        Assert.Equal(1, exitCode);
        var entry = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!.AsArray().Single()!;
        Assert.Equal("failed", (string?)entry["status"]);
        Assert.Contains("is not a notebook", entry["errors"]![0]!.ToString());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run", "--cell-timeout", "0")]
    [InlineData("run", "--cell-timeout", "soon")]
    [InlineData("run", "no-such-notebook.ipynb")]
    [InlineData("run", "--colour")]
    [InlineData("bench", "--slow")]
    public async Task Bad_usage_exits_with_2_and_says_what_is_wrong(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No });

        var exitCode = await CommandLine.RunAsync(args, console, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", writer.ToString());
    }
}

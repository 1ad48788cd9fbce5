using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Cli.Notebooks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>Every course notebook runs top to bottom in the real kernel without an error, and its output matches the approved file.</summary>
public sealed class CourseNotebookTests
{
    public static TheoryData<string> CourseNotebooks() =>
        new(CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Select(Path.GetFileName).Cast<string>());

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public async Task Notebook_runs_without_errors_and_matches_its_approved_output(string fileName)
    {
        var run = await NotebookRuns.RunAsync(fileName);

        Assert.True(run.Result.Succeeded, string.Join(Environment.NewLine, run.Result.Errors));
        var codeCells = run.Document.Cells.Count(c => c.IsCode && !string.IsNullOrWhiteSpace(c.Source));
        Assert.Equal(codeCells, run.Executions.Count);
        var errors = run.Executions.Values.SelectMany(e => e.Outputs).Where(o => o.Kind == CellOutputKind.Error).Select(o => o.Text).ToList();
        Assert.True(errors.Count == 0, "Error outputs: " + string.Join(Environment.NewLine, errors));
        Assert.True(run.Result.Seconds <= 90, $"{fileName} took {run.Result.Seconds:0.0} s; a notebook must finish within 90 s.");

        ApprovedFile.Verify(
            Path.Combine(Repository.TestsFolder, "Notebooks", "approved"),
            Path.GetFileNameWithoutExtension(fileName),
            NotebookTranscript.Create(run, Repository.Layout.Root));
    }

    [Fact]
    public async Task Setup_notebook_measures_a_positive_ceiling_and_a_batching_speed_up()
    {
        var run = await NotebookRuns.RunAsync("00-setup.ipynb");
        Assert.True(run.Result.Succeeded, string.Join(Environment.NewLine, run.Result.Errors));
        var outputs = run.Executions.Values.SelectMany(e => e.Outputs).ToList();

        var figure = outputs.Select(o => o.Data.GetValueOrDefault("application/vnd.plotly.v1+json")).OfType<string>().Select(json => JsonNode.Parse(json)).Single()!;
        var gigaflops = figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!).ToList();
        Assert.Equal(6, gigaflops.Count);
        Assert.All(gigaflops, g => Assert.True(g > 0, $"GFLOP/s must be positive, got {g}"));
        Assert.True(gigaflops.Max() > gigaflops[0], "the largest product should run faster per FLOP than the 64 x 64 one");

        var sentence = outputs.Select(o => o.Text).Single(t => t.StartsWith("One by one:", StringComparison.Ordinal));
        var speedUp = double.Parse(Regex.Match(sentence, @"Batching was ([0-9.]+)x faster").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(speedUp > 1, $"one batched call should beat 1,000 separate calls, measured {speedUp}x");
    }

    [Fact]
    public async Task Cost_notebook_halves_the_bill_in_batch_and_its_five_minute_simulation_agrees_with_the_formula()
    {
        var run = await NotebookRuns.RunAsync("05-batch-vs-real-time-cost.ipynb");
        Assert.True(run.Result.Succeeded, string.Join(Environment.NewLine, run.Result.Errors));
        var texts = run.Executions.Values.SelectMany(e => e.Outputs).Select(o => o.Text).ToList();

        var bill = texts.Single(t => t.StartsWith("gpt-4o-mini: $", StringComparison.Ordinal));
        var amounts = Regex.Matches(bill, @"\$([0-9.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(amounts[0] / 2, amounts[1], 2);

        var waits = texts.Single(t => t.StartsWith("Every five minutes:", StringComparison.Ordinal));
        var mean = double.Parse(Regex.Match(waits, @"mean wait ([0-9.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(mean, 150 * 0.98, 150 * 1.02);

        var speedUp = double.Parse(Regex.Match(texts.Single(t => t.StartsWith("Batch ", StringComparison.Ordinal)), @"classified ([0-9.]+)x more").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(speedUp >= 1, $"the best batch size cannot be slower than batch 1, measured {speedUp}x");
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Cli.Lessons;
using BatchLearning.Notebook;
using BatchLearning.Runner;
using BatchLearning.Tests.Notebooks;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.Lessons;

/// <summary>
/// Every lesson runs with <c>dotnet run lessons/NAME.cs</c>, without the notebook kernel: exit code 0, no unhandled exception, the exercise
/// checks as the notebook prints them, its page with every chart drawn from data, and the claims of its sentences that its output allows.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class LessonRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> Lessons() =>
        new(CourseRunner.FindNotebooks(Repository.Layout.Notebooks)
            .Select(notebook => Path.GetRelativePath(Repository.Layout.Root, LessonExporter.LessonPath(Repository.Layout, notebook)).Replace('\\', '/')));

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task Lesson_runs_without_the_kernel_prints_its_checks_and_draws_every_chart_on_its_page(string lesson)
    {
        var run = await LessonRuns.RunAsync(lesson);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lesson}: build {run.BuildSeconds:0.0} s, dotnet run {run.RunSeconds:0.0} s"));

        Assert.True(run.ExitCode == 0, $"{lesson} exited with {run.ExitCode}:\n{Tail(run.Output)}\n{run.Error}");
        Assert.DoesNotContain("Unhandled exception", run.Output + run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Trim().Length == 0, $"{lesson} wrote to standard error:\n{run.Error}");
        Assert.Contains($"{run.Name}: done in ", run.Output, StringComparison.Ordinal);

        // As shipped, every exercise is unanswered and its check says how to answer, as in the notebook.
        var names = CourseExercises.Names.GetValueOrDefault(run.Name) ?? [];
        var checks = Lines(run.Output).Where(IsCheck).ToList();
        Assert.Equal(names.Length, checks.Count);
        Assert.All(checks, c => Assert.StartsWith(Exercise.NotAnswered + ": ", c, StringComparison.Ordinal));
        Assert.All(names, name => Assert.Contains(checks, c => c.StartsWith($"{Exercise.NotAnswered}: set {name} to ", StringComparison.Ordinal)));

        // Every chart the kernel showed for the notebook is named on the console and drawn on the page, from data.
        var charts = Lines(run.Output).Count(l => l.StartsWith("[chart ", StringComparison.Ordinal));
        Assert.Equal(KernelCharts(run.Name), charts);
        var page = File.ReadAllText(run.PagePath);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run.PagePath)!, "plotly.min.js")), "the page's local plotly.js is missing");
        Assert.All(Enumerable.Range(1, charts), i => Assert.Contains($"<div id=\"chart-{i}\" class=\"batchlearning-chart\"", page, StringComparison.Ordinal));
        var figures = run.Figures();
        Assert.Equal(charts, figures.Count);
        Assert.All(figures, f => Assert.True(f["data"]!.AsArray().Count > 0 && f["data"]!.AsArray().All(HasValues), $"a chart without data: {f.ToJsonString()[..Math.Min(300, f.ToJsonString().Length)]}"));

        if (Claims.TryGetValue(run.Name, out var claims))
        {
            claims(run.Texts());
        }
    }

    [Fact]
    public async Task A_parameter_the_notebook_does_not_declare_stops_the_lesson_before_it_runs_with_exit_code_2()
    {
        var run = await LessonRuns.RunAsync("lessons/00-setup.cs", "--param", "nope=1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("00-setup has no parameter 'nope'. Its parameters: batchedCount, myPrediction, quiz1, quiz2, quiz3.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run lessons/00-setup.cs", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Device", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_stops_the_lesson_with_exit_code_2_naming_the_type()
    {
        var run = await LessonRuns.RunAsync("lessons/00-setup.cs", "--param", "batchedCount=ten");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--param batchedCount=ten: in 00-setup, batchedCount is a whole number (for example 7); 'ten' is not.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Ceiling", run.Output, StringComparison.Ordinal);
    }

    // What the notebook claims in its sentences, where the lesson's output allows the same check (CourseNotebookTests checks them on the kernel's run).
    private static readonly Dictionary<string, Action<IReadOnlyList<string>>> Claims = new()
    {
        ["00-setup"] = texts =>
        {
            Assert.InRange(Number(Single(texts, "Ceiling: "), @"GFLOP/s \(([0-9]+) % of the ceiling\)"), 1, 105);
            Assert.Contains(texts, t => t.Contains("products one by one:", StringComparison.Ordinal));
        },
        ["01-what-is-batching"] = texts =>
        {
            var race = Single(texts, "One at a time:");
            Assert.True(Number(race, @"outputs: ([0-9.E+-]+) \(float") < 1e-4, race);
            Assert.Contains("Every point lies under its roof", Single(texts, "Batch 1: "), StringComparison.Ordinal);
            Single(texts, "Your ridge point: ");
        },
        ["02-batch-size-in-training"] = texts =>
        {
            Assert.True(Number(Single(texts, "Fit: "), @"and ([0-9.]+) KiB per sample") > 0);
            Assert.Contains("Many small updates beat one big update per epoch", Single(texts, "Samples per second:"), StringComparison.Ordinal);
        },
        ["03-batch-size-and-generalisation"] = texts =>
        {
            Assert.Contains("they cost batch 512 64x the samples", Single(texts, "With 10 epochs"), StringComparison.Ordinal);
            Assert.True(Number(Single(texts, "B_simple was"), @"B_simple was ([0-9.]+)") > 0);
            Assert.Equal(5, Single(texts, "• Fixed epochs").Split('\n').Length);
        },
        ["04-batched-inference"] = texts =>
        {
            Assert.True(Number(Single(texts, "Batch 1: "), @"Best: batch ([0-9]+),") > 1);
            Assert.Equal(2, Single(texts, "At 30 % of capacity").Split('\n').Length);
        },
        ["05-batch-vs-real-time-cost"] = texts =>
        {
            var amounts = Regex.Matches(Single(texts, "gpt-4o-mini: $"), @"\$([0-9.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(amounts[0] / 2, amounts[1], 2);
            Assert.InRange(Number(Single(texts, "Every five minutes:"), @"mean wait ([0-9.]+) s"), 150 * 0.98, 150 * 1.02);
            Assert.Contains("not a measurement", Single(texts, "Batch prices: "), StringComparison.Ordinal);
        },
        ["06-first-ai-workflow"] = texts =>
        {
            var job = texts.Single(t => t.Contains(" runs, ", StringComparison.Ordinal) && t.Contains("emails classified", StringComparison.Ordinal));
            Assert.Equal(20_000, Number(job.Replace(",", "", StringComparison.Ordinal), @"([0-9]+) emails classified"));
            Assert.Equal(4, Number(job, @"([0-9]+) dead letters"));
            Assert.Contains("identical to classifying the whole day at once", Single(texts, "Every email waited"), StringComparison.Ordinal);
            Single(texts, "Counted with o200k_base over the 20,000 emails");
        },
        ["07-batching-text-generation"] = texts =>
            Assert.Equal(0, Number(Single(texts, "Measured on this machine: continuous batching served"), @"continuous batching threw away ([0-9]+) ?%")),
    };

    // The charts in the kernel's approved run of the notebook.
    private static int KernelCharts(string name) =>
        File.ReadAllLines(Path.Combine(Repository.TestsFolder, "Notebooks", "approved", name + ".approved.txt"))
            .Count(l => Regex.IsMatch(l, "^(Result|Display): chart \""));

    private static bool HasValues(JsonNode? trace) =>
        new[] { "y", "z" }.Any(key => trace?[key] is JsonArray values && values.Count > 0);

    private static bool IsCheck(string line) =>
        line.StartsWith(Exercise.Right + ":", StringComparison.Ordinal) || line.StartsWith(Exercise.NotQuite + ":", StringComparison.Ordinal)
        || line.StartsWith(Exercise.NotAnswered + ":", StringComparison.Ordinal);

    private static IEnumerable<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static string Single(IReadOnlyList<string> texts, string start) =>
        Assert.Single(texts, t => t.StartsWith(start, StringComparison.Ordinal));

    private static double Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in: {text}");
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}

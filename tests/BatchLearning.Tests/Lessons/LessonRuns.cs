using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Tests.Notebooks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Lessons;

/// <summary>One run of a lesson with <c>dotnet run lessons/NAME.cs</c>.</summary>
/// <param name="Lesson">The lesson's path relative to the repository, for example "lessons/00-setup.cs".</param>
/// <param name="ExitCode">The program's exit code.</param>
/// <param name="Output">What it printed to standard output.</param>
/// <param name="Error">What it printed to standard error.</param>
/// <param name="BuildSeconds">The time <c>dotnet build</c> of the lesson took (the library included, when it was not built yet).</param>
/// <param name="RunSeconds">The time <c>dotnet run</c> took, from the command to the program's exit.</param>
internal sealed record LessonRun(string Lesson, int ExitCode, string Output, string Error, double BuildSeconds, double RunSeconds)
{
    /// <summary>The lesson's name, for example "00-setup".</summary>
    public string Name => Path.GetFileNameWithoutExtension(Lesson);

    /// <summary>The page the lesson wrote: artifacts/lessons/NAME.html.</summary>
    public string PagePath => Path.Combine(Repository.Layout.Root, "artifacts", "lessons", Name + ".html");

    /// <summary>The text values on the page and the sentences of its findings, in order.</summary>
    public IReadOnlyList<string> Texts() =>
        [.. Regex.Matches(File.ReadAllText(PagePath), "<div class=\"output\">(?:<pre>(.*?)</pre></div>|<div class=\"batchlearning-finding\"[^>]*>(.*?)<details>)", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))];

    /// <summary>The findings on the page, in order, read from their machine-readable form (the <c>data-finding</c> attribute), not from their sentences.</summary>
    public IReadOnlyList<ShownStatement> Statements() =>
        [.. Regex.Matches(File.ReadAllText(PagePath), "<div class=\"batchlearning-finding\" data-finding=\"([^\"]*)\">(.*?)<details>", RegexOptions.Singleline)
            .Select(m => ShownStatement.FromJson(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    /// <summary>The one finding of <paramref name="topic"/> on the page.</summary>
    public ShownStatement Statement(string topic) => Assert.Single(Statements(), s => s.Topic == topic);

    /// <summary>The plotly figures drawn on the page, in order.</summary>
    public IReadOnlyList<JsonNode> Figures() =>
        [.. Regex.Matches(File.ReadAllText(PagePath), @"^\s*var figure = (\{.*\});$", RegexOptions.Multiline).Select(m => JsonNode.Parse(m.Groups[1].Value)!)];
}

/// <summary>
/// Runs each lesson once per test session, in the notebook tests' kernel slots (never beside more kernels than allowed, never beside a run
/// under load, one lesson at a time: each build touches the course library). The lesson is built first, then run, so both times are known.
/// </summary>
internal static class LessonRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<LessonRun>>> Runs = new();

    // A hang guard, not a speed target.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    // The representative lessons are queued with the notebook runs (or with the first lesson asked for, whichever comes first), so they run in
    // the kernels' slots while the notebooks run, rather than one after another at the end (issue 29: the full suite's time).
    private static readonly Lazy<bool> AllQueued = new(() =>
    {
        foreach (var lesson in LessonRunTests.Representative)
        {
            _ = Get(lesson, []);
        }

        return true;
    });

    /// <summary>Queues the representative lessons (once per test session).</summary>
    public static void QueueRepresentative() => _ = AllQueued.Value;

    /// <summary>The run of <paramref name="lesson"/> (relative to the repository) with <paramref name="arguments"/> after <c>--</c>.</summary>
    public static Task<LessonRun> RunAsync(string lesson, params string[] arguments)
    {
        QueueRepresentative();
        return Get(lesson, arguments);
    }

    private static Task<LessonRun> Get(string lesson, string[] arguments) =>
        Runs.GetOrAdd(string.Join(' ', [lesson, .. arguments]), _ => new Lazy<Task<LessonRun>>(() => NotebookRuns.InKernelSlotAsync(environment =>
            RunTimings.RecordAsync($"lesson {string.Join(' ', [lesson, .. arguments])}", () => RunAsync(lesson, arguments, environment))))).Value;

    private static async Task<LessonRun> RunAsync(string lesson, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var build = await DotnetAsync(["build", lesson], environment);
        if (build.ExitCode != 0)
        {
            return new LessonRun(lesson, build.ExitCode, build.Output, build.Error, build.Seconds, 0);
        }

        var run = await DotnetAsync(arguments.Length == 0 ? ["run", lesson] : ["run", lesson, "--", .. arguments], environment);
        return new LessonRun(lesson, run.ExitCode, run.Output, run.Error, build.Seconds, run.Seconds);
    }

    private static async Task<(int ExitCode, string Output, string Error, double Seconds)> DotnetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Layout.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {Timeout.TotalMinutes} minutes: {await output}");
        }

        return (process.ExitCode, await output, await error, clock.Elapsed.TotalSeconds);
    }
}

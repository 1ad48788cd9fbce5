using System.Globalization;
using BatchLearning.Cli.Notebooks;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>Parses the command line and runs the command. Exit codes: 0 success, 1 a notebook failed, 2 bad usage.</summary>
public static class CommandLine
{
    private const string Usage = """
        Usage:
          batchlearning run [NOTEBOOK.ipynb ...] [--output DIR] [--cell-timeout SECONDS] [--param NAME=VALUE ...]
              Runs the course's notebooks (all of notebooks/ in file-name order, or the ones named), each in a fresh
              .NET Interactive kernel, and writes DIR/<name>.ipynb, DIR/<name>.html and DIR/summary.json
              (DIR defaults to artifacts/notebooks). Exits 1 when any cell fails.
              --param NAME=VALUE (repeatable) sets a value declared in each notebook's parameters cell (a seed, a size,
              an exercise answer), injected in a cell after it, as papermill does.
          batchlearning bench [--quick]
              Measures every part against its limit (matrix-product ceiling, inference, training, memory, dynamic batcher,
              simulator, the course's notebooks) and writes artifacts/bench/results.json and results.md; use -c Release.
              --quick: smaller sizes and no notebooks, under 2 minutes (a smoke test).
          batchlearning inbox train --model DIR [--emails N]
              Trains the email classifier on N generated emails (default 6,000) and saves it to DIR.
          batchlearning inbox run --inbox FILE --model DIR [--output DIR] [--every MINUTES | --once] [--max-per-commit N]
              The batch job: classifies what arrived in the JSON Lines inbox since the last run, every MINUTES (default 5) until
              Ctrl+C, or once. Restartable: a crash loses and repeats nothing. Results go to DIR (default FILE-classified/).
          batchlearning help
        """;

    /// <summary>Runs the command in <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "run" => await RunCourseAsync(args[1..], console, cancellationToken),
                "bench" => await Benchmarks.BenchCommand.RunAsync(args[1..], console, cancellationToken),
                "inbox" => await InboxCommand.RunAsync(args[1..], console, cancellationToken),
                _ => throw new ArgumentException($"Unknown command '{args[0]}'. Valid commands: run, bench, inbox, help."),
            };
        }
        catch (ArgumentException error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            console.WriteLine(Usage);
            return 2;
        }
    }

    private static async Task<int> RunCourseAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var layout = RepositoryLayout.Find(Directory.GetCurrentDirectory());
        var notebooks = new List<string>();
        var output = layout.NotebookArtifacts;
        TimeSpan? cellTimeout = null;
        var assignments = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--output":
                    output = Path.GetFullPath(Value(args, ++i, "--output"));
                    break;
                case "--cell-timeout":
                    var text = Value(args, ++i, "--cell-timeout");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is <= 0 or > 86_400)
                    {
                        throw new ArgumentException($"--cell-timeout must be a number of seconds from 1 to 86400; got '{text}'.");
                    }

                    cellTimeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--param":
                    assignments.Add(Value(args, ++i, "--param"));
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"Unknown option '{option}'. Valid options: --output, --cell-timeout, --param.");
                default:
                    var path = Path.GetFullPath(args[i]);
                    if (!File.Exists(path) || !path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ArgumentException($"'{args[i]}' is not an existing .ipynb file.");
                    }

                    notebooks.Add(path);
                    break;
            }
        }

        if (notebooks.Count == 0)
        {
            notebooks.AddRange(CourseRunner.FindNotebooks(layout.Notebooks));
        }

        var parameters = NotebookParameters.ParseAssignments(assignments);
        console.MarkupLine($"Running {notebooks.Count} notebook(s) in fresh kernels; results in [blue]{Markup.Escape(output)}[/]");
        var plotly = Path.Combine(AppContext.BaseDirectory, "assets", NotebookHtml.PlotlyFileName);
        var runner = new CourseRunner(new NotebookRunner(layout.Root, cellTimeout), output, plotly);
        var results = await runner.RunAsync(notebooks, parameters, new ConsoleProgress(console), cancellationToken);
        var failed = results.Count(r => !r.Succeeded);
        console.MarkupLine(failed == 0
            ? $"[green]All {results.Count} notebook(s) ran without errors[/] ({results.Sum(r => r.Seconds):0} s)."
            : $"[red]{failed} of {results.Count} notebook(s) failed[/]; see {Markup.Escape(Path.Combine(output, "summary.json"))}.");
        return failed == 0 ? 0 : 1;
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{option} needs a value.");
}

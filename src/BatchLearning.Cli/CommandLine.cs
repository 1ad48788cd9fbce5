using System.CommandLine;
using System.Globalization;
using BatchLearning.Cli.Benchmarks;
using BatchLearning.Runner;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// Parses the command line (System.CommandLine) and runs the command: <c>run</c>, <c>bench</c>, <c>inbox train</c>, <c>inbox run</c>; <c>--help</c> on any of them.
/// Exit codes: 0 success, 1 a failure while running (a notebook failed, a file is missing or locked: one line saying what, the stack trace only with
/// <c>--verbose</c>), 2 bad usage (the message and the usage line). Cancellation (Ctrl+C) propagates as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class CommandLine
{
    private const string ProgramName = "batchlearning";

    /// <summary>Shows the stack trace of a failure, not only its message; accepted by every command.</summary>
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace of a failure, not only its message.", Recursive = true };

    /// <summary>Runs the command in <paramref name="args"/>, writing to <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("BatchLearning: the course's notebooks, benchmarks and the email batch job.")
        {
            HelpName = ProgramName,
        };
        root.Add(Verbose);
        root.Add(RunCommand(console));
        root.Add(BenchCommand.Create(console));
        root.Add(InboxCommand.Create(console));
        root.Add(ExportCommand.Create(console));
        root.Add(Site.SiteCommand.Create(console));

        var parsed = root.Parse(args is ["help"] ? ["--help"] : args);
        if (args.Length == 0)
        {
            console.WriteLine(HelpText(root, []));
            return 2;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            }

            console.WriteLine(UsageOf(root, parsed.CommandResult.Command));
            return 2;
        }

        return await InvokeAsync(parsed, console, cancellationToken);
    }

    // Runs the parsed command; an error it throws is one red line (the full trace with --verbose) and exit code 1.
    private static async Task<int> InvokeAsync(ParseResult parsed, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var help = new StringWriter();
        try
        {
            var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { Output = help, Error = help, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken);
            if (help.GetStringBuilder().Length > 0)
            {
                console.Write(new Text(help.ToString()));
            }

            return exitCode;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            console.MarkupLine($"[red]{Markup.Escape(OneLine(error))}[/]");
            if (parsed.GetValue(Verbose))
            {
                console.WriteLine(error.ToString());
            }

            return 1;
        }
    }

    // The `run` command: the course's notebooks, headless, each in a fresh kernel.
    private static Command RunCommand(IAnsiConsole console)
    {
        var notebooks = NotebooksArgument();
        var output = new Option<string>("--output") { Description = "Where to write <name>.ipynb, <name>.html and summary.json; defaults to artifacts/notebooks.", HelpName = "DIR" };
        var cellTimeout = CellTimeoutOption();
        var parameters = new Option<string[]>("--param")
        {
            Description = "Sets a value declared in a notebook's parameters cell (a seed, a size, an exercise answer), injected in a cell after it, "
                          + "as papermill does; repeatable. With several notebooks, each gets the values it declares.",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("run", "Runs the course's notebooks, each in a fresh .NET Interactive kernel, and writes DIR/<name>.ipynb, DIR/<name>.html and DIR/summary.json. Exits 1 when any cell fails.")
        {
            notebooks, output, cellTimeout, parameters,
        };
        command.SetAction((parsed, cancellationToken) => RunCourseAsync(
            new CourseRun(
                parsed.GetValue(notebooks) ?? [],
                parsed.GetValue(output),
                parsed.GetValue(cellTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                parsed.GetValue(parameters) ?? []),
            console,
            cancellationToken));
        return command;
    }

    // The notebooks to run: existing .ipynb files, or none for the whole course.
    private static Argument<string[]> NotebooksArgument()
    {
        var notebooks = new Argument<string[]>("NOTEBOOK.ipynb")
        {
            Description = "The notebooks to run; all of notebooks/ in file-name order when none is named.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        notebooks.Validators.Add(result =>
        {
            foreach (var notebook in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!File.Exists(notebook) || !notebook.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"'{notebook}' is not an existing .ipynb file.");
                }
            }
        });
        return notebooks;
    }

    // --cell-timeout: seconds above 0 and at most a day, refused with the valid range otherwise.
    private static Option<double?> CellTimeoutOption()
    {
        var cellTimeout = new Option<double?>("--cell-timeout")
        {
            Description = "Seconds a cell may run before it counts as failed, above 0 and at most 86,400; no limit by default.",
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
                if (text is null)
                {
                    return null;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds is > 0 and <= 86_400))
                {
                    result.AddError($"--cell-timeout must be a number of seconds above 0 and at most 86400; got '{text}'.");
                }

                return seconds;
            },
        };
        return cellTimeout;
    }

    private sealed record CourseRun(string[] Notebooks, string? Output, TimeSpan? CellTimeout, string[] Parameters);

    private static async Task<int> RunCourseAsync(CourseRun request, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var layout = RepositoryLayout.Find(Directory.GetCurrentDirectory());
        var output = request.Output is null ? layout.NotebookArtifacts : Path.GetFullPath(request.Output);
        var notebooks = request.Notebooks.Length > 0 ? request.Notebooks.Select(Path.GetFullPath).ToList() : CourseRunner.FindNotebooks(layout.Notebooks).ToList();
        var plotly = Path.Combine(AppContext.BaseDirectory, "assets", NotebookHtml.PlotlyFileName);
        var runner = new CourseRunner(new NotebookRunner(layout.Root, request.CellTimeout), output, plotly);
        IReadOnlyList<NotebookRunResult> results;
        try
        {
            var parameters = NotebookParameters.ParseAssignments(request.Parameters);
            // Every notebook's parameters are checked before the first cell runs; a bad one is a usage error.
            results = await runner.RunAsync(notebooks, parameters, new ConsoleProgress(console, $"Running {notebooks.Count} notebook(s) in fresh kernels; results in {output}"), cancellationToken);
        }
        catch (ArgumentException error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            console.WriteLine($"Usage: {ProgramName} run [NOTEBOOK.ipynb ...] [--output DIR] [--cell-timeout SECONDS] [--param NAME=VALUE ...]\nMore: {ProgramName} run --help");
            return 2;
        }

        var failed = results.Count(r => !r.Succeeded);
        console.MarkupLine(failed == 0
            ? $"[green]All {results.Count} notebook(s) ran without errors[/] ({results.Sum(r => r.Seconds):0} s)."
            : $"[red]{failed} of {results.Count} notebook(s) failed[/]; see {Markup.Escape(Path.Combine(output, "summary.json"))}.");
        return failed == 0 ? 0 : 1;
    }

    // The "Usage:" lines of a command's help, and where to find the rest.
    private static string UsageOf(RootCommand root, Command command)
    {
        var path = CommandPath(command).ToList();
        var usage = HelpText(root, path).ReplaceLineEndings("\n").Split("\n\n").FirstOrDefault(s => s.StartsWith("Usage:", StringComparison.Ordinal)) ?? "Usage:";
        return $"{usage.TrimEnd()}\nMore: {string.Join(' ', [ProgramName, .. path])} --help";
    }

    private static string HelpText(RootCommand root, IReadOnlyList<string> path)
    {
        var help = new StringWriter();
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = help });
        return help.ToString();
    }

    // The subcommand names from the root to the command, for example ["inbox", "run"].
    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not RootCommand; current = current.Parents.OfType<Command>().First())
        {
            names.Insert(0, current.Name);
        }

        return names;
    }

    // A failure in one line: its message (the stack trace only with --verbose).
    private static string OneLine(Exception error) => error.Message.ReplaceLineEndings(" ");
}

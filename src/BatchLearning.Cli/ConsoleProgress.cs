using System.Globalization;
using BatchLearning.Runner;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// Shows the course runner's progress on the console: one line per notebook and, on a terminal, the cell being run;
/// <paramref name="header"/>, when given, once before the first report (so nothing is printed for a run refused before it starts).
/// </summary>
internal sealed class ConsoleProgress(IAnsiConsole console, string? header = null) : IProgress<NotebookProgress>
{
    private bool _started;

    public void Report(NotebookProgress value)
    {
        if (!_started && header is not null)
        {
            console.WriteLine(header);
        }

        _started = true;
        if (value.Finished is { } result)
        {
            var mark = result.Succeeded ? "[green]ok[/]" : "[red]failed[/]";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(result.Name),-40} {mark} {result.Seconds,7:0.0} s"));
            foreach (var error in result.Errors)
            {
                console.MarkupLine($"  [red]{Markup.Escape(FirstLines(error, 6))}[/]");
            }

            return;
        }

        var stage = value.CellNumber == 0 ? "starting kernel" : $"cell {value.CellNumber}/{value.CellCount}";
        if (console.Profile.Capabilities.Interactive)
        {
            Console.Write($"\r{value.Notebook}: {stage}        \r");
        }
        else
        {
            console.WriteLine($"  {value.Notebook}: {stage}");
        }
    }

    private static string FirstLines(string text, int count) => string.Join('\n', text.Split('\n').Take(count));
}

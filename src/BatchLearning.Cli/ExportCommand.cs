using System.CommandLine;
using BatchLearning.Cli.Lessons;
using BatchLearning.Runner;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// <c>export lessons</c>: writes each course notebook as a lesson, a .NET 10 file-based app (<c>lessons/NAME.cs</c>, worked solutions in
/// <c>lessons/solutions/</c>) that runs with <c>dotnet run lessons/NAME.cs</c> without the notebook kernel. The notebooks stay the one source;
/// <c>--check</c> only says whether lessons/ is current (exit 1 when not), for CI.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>export</c> command and its subcommand <c>lessons</c>.</summary>
    internal static Command Create(IAnsiConsole console) =>
        new("export", "Exports the course in other forms.") { LessonsCommand(console) };

    private static Command LessonsCommand(IAnsiConsole console)
    {
        var notebooks = new Argument<string[]>("NOTEBOOK.ipynb")
        {
            Description = "The notebooks to export; every notebook in notebooks/ and notebooks/solutions/ when none is named.",
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
        var check = new Option<bool>("--check") { Description = "Write nothing: exit 1 when a lesson differs from its notebook (or has none left), naming it." };
        var command = new Command("lessons", "Writes each notebook as a lesson: lessons/NAME.cs, a .NET 10 file-based app (dotnet run lessons/NAME.cs) generated from the notebook.")
        {
            notebooks, check,
        };
        command.SetAction(parsed => Export(parsed.GetValue(notebooks) ?? [], parsed.GetValue(check), console));
        return command;
    }

    private static int Export(string[] notebooks, bool check, IAnsiConsole console)
    {
        var layout = RepositoryLayout.Find(Directory.GetCurrentDirectory());
        LessonFolder folder;
        try
        {
            folder = LessonFolder.Compare(layout, notebooks);
        }
        catch (ArgumentException error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            return 2;
        }

        if (check)
        {
            return Check(folder, console);
        }

        folder.Apply();
        foreach (var lesson in folder.Changed)
        {
            console.MarkupLine($"Wrote {Shown(lesson.Path)} (from {Shown(lesson.Notebook)})");
        }

        foreach (var orphan in folder.Orphans)
        {
            console.MarkupLine($"Removed {Shown(orphan)} (its notebook is gone)");
        }

        console.WriteLine($"{folder.Lessons.Count} lesson(s): {folder.Changed.Count} written, {folder.Lessons.Count - folder.Changed.Count} already current" +
                          (folder.Orphans.Count > 0 ? $", {folder.Orphans.Count} removed." : "."));
        console.WriteLine("Run one with: dotnet run lessons/NAME.cs (charts and tables also on artifacts/lessons/NAME.html)");
        return 0;
    }

    private static int Check(LessonFolder folder, IAnsiConsole console)
    {
        foreach (var lesson in folder.Changed)
        {
            console.MarkupLine($"[red]{Shown(lesson.Path)} is not as {Shown(lesson.Notebook)} makes it.[/]");
        }

        foreach (var orphan in folder.Orphans)
        {
            console.MarkupLine($"[red]{Shown(orphan)} has no notebook left.[/]");
        }

        console.WriteLine(folder.IsCurrent ? $"All {folder.Lessons.Count} lesson(s) are current." : $"Regenerate them: {LessonExporter.RegenerateCommand}");
        return folder.IsCurrent ? 0 : 1;
    }

    private static string Shown(string path) => Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), path));
}

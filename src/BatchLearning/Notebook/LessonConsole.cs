using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using BatchLearning.Charts;

namespace BatchLearning.Notebook;

/// <summary>
/// The console display of a lesson: a course notebook exported as a .NET file-based app (<c>dotnet run lessons/NAME.cs</c>).
/// What a notebook cell displays (its final expression, its <c>display(...)</c> calls) the lesson passes to <see cref="Show"/>: sentences print
/// as text, DataFrames and records as aligned tables, charts as one line naming them; everything shown also goes to one HTML page per lesson,
/// <c>artifacts/lessons/NAME.html</c>, where the charts are drawn with a local copy of plotly.js (as on the course runner's pages, offline).
/// Live displays (training progress) update one console line in a terminal and print their last state otherwise.
/// </summary>
public sealed class LessonConsole
{
    private readonly string _name;
    private readonly LessonArguments _arguments;
    private readonly TextWriter _output;
    private readonly LessonPage _page;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, string> _used = new(StringComparer.Ordinal);
    private readonly bool _liveInPlace;
    private string? _live;
    private string? _section;
    private int _liveWidth;

    internal LessonConsole(string name, LessonArguments arguments, TextWriter output, LessonPage page, bool liveInPlace)
    {
        _name = name;
        _arguments = arguments;
        _output = output;
        _page = page;
        _liveInPlace = liveInPlace;
    }

    /// <summary>Where the lesson's HTML page is written.</summary>
    public string PagePath => _page.Path;

    /// <summary>
    /// Starts a lesson: reads its command line (<c>--param NAME=VALUE</c>, repeatable; <c>--help</c>), prints its title and connects live displays
    /// to the console. Bad usage prints what is wrong and the usage, and ends the program with exit code 2 before anything runs.
    /// </summary>
    /// <param name="name">The lesson's name, for example "06-first-ai-workflow"; its page is <c>artifacts/lessons/NAME.html</c>.</param>
    /// <param name="title">The notebook's title.</param>
    /// <param name="args">The program's arguments.</param>
    /// <param name="parameters">The names the notebook's parameters cell declares (the values <c>--param</c> may set).</param>
    /// <param name="sourceFile">The lesson's source file (filled in by the compiler): the page goes under the repository that holds it.</param>
    public static LessonConsole Start(string name, string title, string[] args, IReadOnlyList<string> parameters, [CallerFilePath] string sourceFile = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameters);
        LessonArguments arguments;
        try
        {
            arguments = LessonArguments.Parse(args ?? [], name, parameters);
        }
        catch (ArgumentException error)
        {
            return Exit(2, Console.Error, $"{Reason(error)}\n{Usage(name, parameters)}");
        }

        if (arguments.HelpWanted)
        {
            return Exit(0, Console.Out, $"{title}\n{Usage(name, parameters)}");
        }

        var page = new LessonPage(Path.Combine(ArtifactsFolder(sourceFile), name + ".html"), title, $"lessons/{name}.cs");
        var lesson = new LessonConsole(name, arguments, Console.Out, page, liveInPlace: !Console.IsOutputRedirected);
        LiveDisplay.UseRenderer(lesson.ShowLive);
        lesson.Begin(title, PlotlyBesideThisProgram());
        return lesson;
    }

    /// <summary>
    /// The value of parameter <paramref name="name"/>: the one given with <c>--param</c>, converted to <typeparamref name="T"/>
    /// by the course runner's rules, or else <paramref name="declared"/> (the value written in the notebook).
    /// A value that does not fit the type prints why and ends the program with exit code 2.
    /// </summary>
    public T Parameter<T>(string name, T declared)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_arguments.Values.TryGetValue(name, out var text))
        {
            return declared;
        }

        try
        {
            var value = LessonArguments.Convert<T>(name, text, _name);
            _used[name] = text;
            return value;
        }
        catch (ArgumentException error)
        {
            return Exit<T>(2, Console.Error, Reason(error));
        }
    }

    /// <summary>
    /// A section heading of the notebook (a "## ..." line): printed, and added to the page, before the next value the lesson shows
    /// (a section that shows nothing, such as the references, prints nothing).
    /// </summary>
    public void Section(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        _section = heading;
    }

    /// <summary>
    /// Shows what a notebook cell displays: text as it is, a DataFrame or a list of records as an aligned table, one record as its properties,
    /// a chart as one line (it is drawn on the page); everything also goes to the page.
    /// </summary>
    public void Show(object? value)
    {
        EndLive();
        if (_section is { } heading)
        {
            _output.WriteLine();
            _output.WriteLine($"## {heading}");
            _page.AddSection(heading);
            _section = null;
        }

        if (value is Chart chart)
        {
            var id = _page.AddChart(chart);
            _output.WriteLine($"[chart {_page.Charts}: {OneLine(chart.Title)}; drawn in {RelativePagePath()}#{id}]");
        }
        else
        {
            _output.WriteLine(LessonValueText.Text(value));
            _page.AddValue(value);
        }

        _page.Write();
    }

    /// <summary>Ends the lesson: the time it took, and where its page is.</summary>
    public void Finish()
    {
        EndLive();
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        _page.SetStatus(string.Create(CultureInfo.InvariantCulture, $"done in {seconds:0.0} s") + Parameters());
        _page.Write();
        _output.WriteLine();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_name}: done in {seconds:0.0} s. {_page.Charts} chart(s) and every table on {RelativePagePath()}"));
    }

    internal void Begin(string title, string? plotly)
    {
        _output.WriteLine($"# {title}");
        _output.WriteLine($"(lessons/{_name}.cs; results also on {RelativePagePath()})");
        var folder = Path.GetDirectoryName(_page.Path)!;
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, LessonPage.PlotlyFileName);
        if (plotly is not null && File.Exists(plotly))
        {
            File.Copy(plotly, target, overwrite: true);
        }
        else if (!File.Exists(target))
        {
            _output.WriteLine($"(no local plotly.js beside this program: the page's charts say so instead of drawing)");
        }

        _page.Write();
    }

    // What a live display shows: one line replaced in place in a terminal; otherwise only its last state, printed before the next output.
    internal Action<object> ShowLive(object initial)
    {
        EndLive();
        ReplaceLive(initial);
        return ReplaceLive;
    }

    private void ReplaceLive(object value)
    {
        var text = OneLine(LessonValueText.Text(value));
        if (_liveInPlace)
        {
            _output.Write("\r" + text.PadRight(_liveWidth));
            _liveWidth = text.Length;
        }

        _live = text;
    }

    private void EndLive()
    {
        if (_live is null)
        {
            return;
        }

        _output.WriteLine(_liveInPlace ? "" : _live);
        _live = null;
        _liveWidth = 0;
    }

    private string Parameters() =>
        _used.Count == 0 ? "" : "; parameters: " + string.Join(", ", _used.Select(p => $"{p.Key} = {p.Value}"));

    private string RelativePagePath() => Path.GetRelativePath(Environment.CurrentDirectory, _page.Path);

    private static string OneLine(string text) => text.Replace("<br>", " ", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Usage(string name, IReadOnlyList<string> parameters) =>
        $"Usage: dotnet run lessons/{name}.cs [-- --param NAME=VALUE ...]\n" +
        (parameters.Count == 0 ? "This lesson has no parameters." : $"Parameters (as in the notebook's parameters cell): {string.Join(", ", parameters)}");

    // The folder for the page: artifacts/lessons under the repository holding the lesson (the folder with BatchLearning.sln), else under the current folder.
    private static string ArtifactsFolder(string sourceFile)
    {
        var starts = new[] { Path.GetDirectoryName(sourceFile), Environment.CurrentDirectory };
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var folder = new DirectoryInfo(start!); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "BatchLearning.sln")))
                {
                    return Path.Combine(folder.FullName, "artifacts", "lessons");
                }
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "artifacts", "lessons");
    }

    // A lesson's build copies plotly.js (from the Plotly.Blazor package, as the runner's build does) to assets/ beside the program.
    private static string? PlotlyBesideThisProgram()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "assets", LessonPage.PlotlyFileName);
        return File.Exists(path) ? path : null;
    }

    // The message without the " (Parameter 'args')" that ArgumentException appends: the reader gave a value, not a parameter.
    private static string Reason(ArgumentException error) =>
        error.ParamName is null ? error.Message : error.Message.Replace($" (Parameter '{error.ParamName}')", "", StringComparison.Ordinal);

    private static LessonConsole Exit(int code, TextWriter writer, string message) => Exit<LessonConsole>(code, writer, message);

    private static T Exit<T>(int code, TextWriter writer, string message)
    {
        writer.WriteLine(message);
        writer.Flush();
        Environment.Exit(code);
        return default!;
    }
}

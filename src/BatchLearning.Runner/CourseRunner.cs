using System.Text.Json;

namespace BatchLearning.Runner;

/// <summary>
/// Runs notebooks in file-name order, each in its own fresh kernel, and writes for each
/// <c>&lt;name&gt;.ipynb</c> (with outputs) and <c>&lt;name&gt;.html</c>, plus <c>summary.json</c> and <c>run.json</c> (when and on which machine), to the output folder.
/// </summary>
/// <param name="runner">Runs one notebook.</param>
/// <param name="outputDirectory">Where the files go, for example artifacts/notebooks.</param>
/// <param name="plotlyScript">The plotly.js file copied beside the HTML pages.</param>
public sealed class CourseRunner(NotebookRunner runner, string outputDirectory, string plotlyScript)
{
    private static readonly JsonSerializerOptions SummaryFormat = new() { WriteIndented = true };

    /// <summary>The folder under the notebooks that holds the worked solutions.</summary>
    public const string SolutionsFolder = "solutions";

    /// <summary>Every *.ipynb in <paramref name="notebookDirectory"/>, in file-name order, then the worked solutions in its solutions folder.</summary>
    public static IReadOnlyList<string> FindNotebooks(string notebookDirectory)
    {
        var solutions = Path.Combine(notebookDirectory, SolutionsFolder);
        return Directory.GetFiles(notebookDirectory, "*.ipynb").Order(StringComparer.Ordinal)
            .Concat(Directory.Exists(solutions) ? Directory.GetFiles(solutions, "*.ipynb").Order(StringComparer.Ordinal) : [])
            .ToList();
    }

    /// <summary>Runs <paramref name="notebooks"/> one after another and returns their results (also written to summary.json).</summary>
    public Task<IReadOnlyList<NotebookRunResult>> RunAsync(
        IReadOnlyList<string> notebooks, IProgress<NotebookProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(notebooks, [], progress, cancellationToken);

    /// <summary>
    /// Runs <paramref name="notebooks"/> one after another, each with <paramref name="parameters"/> injected after its parameters cell,
    /// and returns their results (also written to summary.json). Every notebook's parameters are checked before the first one runs.
    /// </summary>
    /// <exception cref="ArgumentException">A notebook does not declare one of <paramref name="parameters"/>, or a value does not fit its type.</exception>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAsync(
        IReadOnlyList<string> notebooks, IReadOnlyList<KeyValuePair<string, string>> parameters, IProgress<NotebookProgress>? progress,
        CancellationToken cancellationToken)
    {
        var prepared = notebooks.Select(path => Prepare(path, notebooks.Count == 1 ? parameters : OwnParameters(path, parameters))).ToList();
        var unknown = parameters.Select(p => p.Key).Where(name => notebooks.Count > 1 && !prepared.Any(n => n.Document is { } d && NotebookParameters.Declared(d).Any(p => p.Name == name))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"No notebook in this run declares the parameter(s) {string.Join(", ", unknown)}.", nameof(parameters));
        }

        Directory.CreateDirectory(outputDirectory);
        CourseRunRecord.Now().Save(outputDirectory);
        File.Copy(plotlyScript, Path.Combine(outputDirectory, NotebookHtml.PlotlyFileName), overwrite: true);
        var results = new List<NotebookRunResult>();
        foreach (var (path, document, unreadable) in prepared)
        {
            NotebookRunResult result;
            if (document is null)
            {
                result = new NotebookRunResult(Path.GetFileNameWithoutExtension(path), "failed", 0, [unreadable!]);
                progress?.Report(new NotebookProgress(result.Name, 0, 0, result));
            }
            else
            {
                var run = await runner.RunAsync(document, progress, cancellationToken);
                run.Document.SaveWithOutputs(Path.Combine(outputDirectory, run.Document.Name + ".ipynb"), run.Executions);
                await File.WriteAllTextAsync(Path.Combine(outputDirectory, run.Document.Name + ".html"), NotebookHtml.Render(run), cancellationToken);
                result = run.Result;
            }

            results.Add(result);
            // Written after every notebook, so an interrupted course run still leaves what it finished.
            await File.WriteAllTextAsync(Path.Combine(outputDirectory, "summary.json"), JsonSerializer.Serialize(results, SummaryFormat), cancellationToken);
        }

        return results;
    }

    // With several notebooks, each gets the values it declares (for example a seed, which a notebook without randomness lacks).
    private static IReadOnlyList<KeyValuePair<string, string>> OwnParameters(string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return parameters;
        }

        try
        {
            var declared = NotebookParameters.Declared(NotebookDocument.Load(path)).Select(p => p.Name).ToHashSet();
            return parameters.Where(p => declared.Contains(p.Key)).ToList();
        }
        catch (InvalidDataException)
        {
            return []; // reported as a failed notebook by Prepare
        }
    }

    // A file that is not a notebook is reported in the summary like a failed run; a bad parameter stops the course run before it starts.
    private static (string Path, NotebookDocument? Document, string? Unreadable) Prepare(string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        try
        {
            return (path, NotebookRunner.Prepare(path, parameters), null);
        }
        catch (InvalidDataException error)
        {
            return (path, null, error.Message);
        }
    }
}

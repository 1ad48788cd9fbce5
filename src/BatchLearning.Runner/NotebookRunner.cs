using System.Diagnostics;

namespace BatchLearning.Runner;

/// <summary>
/// Runs one notebook top to bottom in a fresh kernel, as "Restart and run all" would: code cells in order,
/// stopping at the first failing cell (later cells usually depend on it).
/// </summary>
/// <param name="repositoryRoot">The folder with .config/dotnet-tools.json, which pins the kernel.</param>
/// <param name="cellTimeout">How long one cell may run before the kernel is stopped; 10 minutes when null.</param>
/// <param name="environment">Extra environment variables for each kernel (the tests run two kernels at once with OMP_NUM_THREADS=1); none when null.</param>
public sealed class NotebookRunner(string repositoryRoot, TimeSpan? cellTimeout = null, IReadOnlyDictionary<string, string>? environment = null)
{
    private readonly TimeSpan _cellTimeout = cellTimeout ?? TimeSpan.FromMinutes(10);

    /// <summary>Runs the notebook at <paramref name="path"/>, reporting each cell to <paramref name="progress"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    public Task<NotebookRun> RunAsync(string path, IProgress<NotebookProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(Prepare(path, []), progress, cancellationToken);

    /// <summary>
    /// Reads the notebook at <paramref name="path"/> and, when <paramref name="parameters"/> are given, injects the cell that sets them
    /// after its parameters cell; checked before anything runs.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    /// <exception cref="ArgumentException">A parameter is not declared in the notebook or its value does not fit.</exception>
    public static NotebookDocument Prepare(string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var document = NotebookDocument.Load(path);
        return parameters.Count == 0
            ? document
            : document.WithCellAfter(NotebookParameters.ParametersTag, NotebookParameters.InjectedTag, NotebookParameters.InjectedSource(document, parameters));
    }

    /// <summary>Runs a prepared notebook (see <see cref="Prepare"/>), reporting each cell to <paramref name="progress"/>.</summary>
    public async Task<NotebookRun> RunAsync(NotebookDocument document, IProgress<NotebookProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var path = document.Path;
        var codeCells = document.Cells.Where(c => c.IsCode && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        var executions = new Dictionary<int, CellExecution>();
        var errors = new List<string>();
        progress?.Report(new NotebookProgress(document.Name, 0, codeCells.Count));
        try
        {
            await using var kernel = await KernelSession.StartAsync(repositoryRoot, Path.GetDirectoryName(Path.GetFullPath(path))!, cancellationToken, environment);
            for (var i = 0; i < codeCells.Count; i++)
            {
                progress?.Report(new NotebookProgress(document.Name, i + 1, codeCells.Count));
                var cell = codeCells[i];
                var execution = await kernel.SubmitAsync(cell.Source, cell.KernelName, _cellTimeout, cancellationToken);
                executions[cell.Index] = execution;
                if (!execution.Succeeded)
                {
                    errors.Add($"cell {i + 1} of {codeCells.Count} (notebook cell {cell.Index + 1}): {execution.Error}");
                    break;
                }
            }
        }
        catch (InvalidOperationException error)
        {
            errors.Add(error.Message);
        }

        var result = new NotebookRunResult(document.Name, errors.Count == 0 ? "ok" : "failed", Math.Round(watch.Elapsed.TotalSeconds, 2), errors)
        {
            Parameters = NotebookParameters.Injected(document),
        };
        progress?.Report(new NotebookProgress(document.Name, codeCells.Count, codeCells.Count, result));
        return new NotebookRun(document, result, executions);
    }
}

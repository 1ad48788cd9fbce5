namespace BatchLearning.Runner;

/// <summary>A notebook after a run: its result line and every executed cell's outputs.</summary>
/// <param name="Document">The notebook as read.</param>
/// <param name="Result">Status, time and errors.</param>
/// <param name="Executions">Outputs per code cell index; cells after a failure are absent (not run).</param>
public sealed record NotebookRun(NotebookDocument Document, NotebookRunResult Result, IReadOnlyDictionary<int, CellExecution> Executions);

namespace BatchLearning.Runner;

/// <summary>Where the runner is: which notebook, which cell.</summary>
/// <param name="Notebook">The notebook's name.</param>
/// <param name="CellNumber">The code cell about to run (from 1), or 0 while the kernel starts.</param>
/// <param name="CellCount">Code cells in the notebook.</param>
/// <param name="Finished">Set when the notebook is done: its result.</param>
public sealed record NotebookProgress(string Notebook, int CellNumber, int CellCount, NotebookRunResult? Finished = null);

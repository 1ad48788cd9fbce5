namespace BatchLearning.Runner;

/// <summary>One cell of a notebook.</summary>
/// <param name="Index">Its position in the notebook, from 0.</param>
/// <param name="IsCode">True for a code cell, false for markdown (or raw) text.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="KernelName">For code cells, the kernel that runs it (for example "csharp").</param>
/// <param name="Tags">The cell's Jupyter tags (metadata.tags), for example "volatile-output" for output that differs per machine.</param>
public sealed record NotebookCell(int Index, bool IsCode, string Source, string KernelName, IReadOnlyList<string> Tags);

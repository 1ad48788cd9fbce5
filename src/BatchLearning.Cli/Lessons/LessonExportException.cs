namespace BatchLearning.Cli.Lessons;

/// <summary>
/// A notebook that cannot become a lesson as it stands: something only the notebook kernel has (a magic command, a kernel handle,
/// a formatter), or code a C# program cannot hold. The message names the notebook and the cell (numbered from 0, as in the .ipynb file).
/// </summary>
internal sealed class LessonExportException : Exception
{
    /// <summary>A refusal for <paramref name="notebook"/> (a path relative to the repository), cell <paramref name="cell"/>.</summary>
    public LessonExportException(string notebook, int cell, string reason)
        : base($"{notebook}, cell {cell}: {reason}")
    {
        Notebook = notebook;
        Cell = cell;
    }

    /// <summary>The notebook, relative to the repository root.</summary>
    public string Notebook { get; }

    /// <summary>The cell, numbered from 0.</summary>
    public int Cell { get; }
}

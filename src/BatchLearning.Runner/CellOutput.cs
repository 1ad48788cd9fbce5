namespace BatchLearning.Runner;

/// <summary>What kind of output a cell produced, in Jupyter's terms.</summary>
public enum CellOutputKind
{
    /// <summary>The value of the cell's last expression (<c>execute_result</c>).</summary>
    Result,

    /// <summary>A value shown with <c>display(...)</c> (<c>display_data</c>).</summary>
    Display,

    /// <summary>Text written to standard output (<c>stream</c>, stdout).</summary>
    StandardOutput,

    /// <summary>Text written to standard error (<c>stream</c>, stderr).</summary>
    StandardError,

    /// <summary>An exception or compile error (<c>error</c>).</summary>
    Error,
}

/// <summary>One output of a code cell.</summary>
/// <param name="Kind">What kind of output.</param>
/// <param name="Data">The output's forms by MIME type (for example text/html and text/plain); for streams and errors, text/plain only.</param>
/// <param name="ValueId">The kernel's id for a displayed value that later updates replace; null otherwise.</param>
public sealed record CellOutput(CellOutputKind Kind, IReadOnlyDictionary<string, string> Data, string? ValueId = null)
{
    /// <summary>The plain-text form, or the first form when there is no plain text.</summary>
    public string Text => Data.TryGetValue("text/plain", out var text) ? text : Data.Values.FirstOrDefault() ?? "";

    /// <summary>An output holding just text.</summary>
    public static CellOutput OfText(CellOutputKind kind, string text) => new(kind, new Dictionary<string, string> { ["text/plain"] = text });
}

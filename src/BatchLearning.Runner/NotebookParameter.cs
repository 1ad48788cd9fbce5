using System.Globalization;
using System.Text.Json;

namespace BatchLearning.Runner;

/// <summary>One parameter declared in a notebook's parameters cell.</summary>
/// <param name="Name">The variable's name, for example "seed".</param>
/// <param name="Kind">Its kind of value.</param>
/// <param name="Nullable">True when it may be null (an unanswered exercise).</param>
/// <param name="Default">The declared value as written, for example "2026" or "null".</param>
public sealed record NotebookParameter(string Name, NotebookParameterKind Kind, bool Nullable, string Default)
{
    /// <summary>The C# literal for <paramref name="text"/>, checked against this parameter's kind.</summary>
    /// <exception cref="ArgumentException">The text is not a value of this kind.</exception>
    public string ToLiteral(string text, string notebookName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed == "null" && Nullable)
        {
            return "null";
        }

        string? literal = Kind switch
        {
            NotebookParameterKind.Integer when long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) =>
                whole.ToString(CultureInfo.InvariantCulture),
            NotebookParameterKind.Number when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) =>
                number.ToString("R", CultureInfo.InvariantCulture) + "d",
            NotebookParameterKind.Boolean when bool.TryParse(trimmed, out var flag) => flag ? "true" : "false",
            NotebookParameterKind.Text => JsonSerializer.Serialize(text),
            _ => null,
        };
        return literal ?? throw new ArgumentException(
            $"--param {Name}={text}: in {notebookName}, {Name} is {Describe()}; '{text}' is not.", nameof(text));
    }

    private string Describe() => Kind switch
    {
        NotebookParameterKind.Integer => "a whole number (for example 7)",
        NotebookParameterKind.Number => "a finite number with '.' as the decimal point (for example 2.5)",
        NotebookParameterKind.Boolean => "true or false",
        _ => "text",
    } + (Nullable ? ", or null" : "");
}

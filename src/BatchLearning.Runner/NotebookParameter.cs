using System.Globalization;
using System.Text.Json;

namespace BatchLearning.Runner;

/// <summary>One parameter declared in a notebook's parameters cell.</summary>
/// <param name="Name">The variable's name, for example "seed".</param>
/// <param name="Kind">Its kind of value.</param>
/// <param name="Nullable">True when it may be null (an unanswered exercise).</param>
/// <param name="Default">The declared value as written, for example "2026" or "null".</param>
/// <param name="Type">
/// The declared C# type: int, long, double, float, decimal, bool or string (for <c>var</c>, the type of its literal, as C# infers it).
/// Empty means the widest of its kind (long, double). A value is checked against this type's range and written as its literal (<c>0.25f</c>, <c>0.25m</c>).
/// </param>
public sealed record NotebookParameter(string Name, NotebookParameterKind Kind, bool Nullable, string Default, string Type = "")
{
    /// <summary>The C# literal for <paramref name="text"/>, checked against this parameter's type and its range.</summary>
    /// <exception cref="ArgumentException">The text is not a value of this type, or is outside its range; the message names the parameter and the range.</exception>
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
            NotebookParameterKind.Integer => WholeLiteral(trimmed),
            NotebookParameterKind.Number => NumberLiteral(trimmed),
            NotebookParameterKind.Boolean when bool.TryParse(trimmed, out var flag) => flag ? "true" : "false",
            NotebookParameterKind.Text => JsonSerializer.Serialize(text),
            _ => null,
        };
        return literal ?? throw new ArgumentException(
            $"--param {Name}={text}: in {notebookName}, {Name} is {Describe()}; '{text}' is not.", nameof(text));
    }

    // A whole number within the declared type's range (int unless declared long), or null.
    private string? WholeLiteral(string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return null;
        }

        return Type == "int" && (whole < int.MinValue || whole > int.MaxValue) ? null : whole.ToString(CultureInfo.InvariantCulture);
    }

    // A finite number that fits the declared type, written with that type's suffix (d, f or m), or null.
    private string? NumberLiteral(string text)
    {
        if (Type == "decimal")
        {
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact.ToString(CultureInfo.InvariantCulture) + "m" : null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return null;
        }

        if (Type == "float")
        {
            var single = (float)number;
            return float.IsFinite(single) ? single.ToString("R", CultureInfo.InvariantCulture) + "f" : null;
        }

        return number.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    private string Describe() => (Kind, Type) switch
    {
        (NotebookParameterKind.Integer, "int") => Range("a whole number, an int", int.MinValue, int.MaxValue),
        (NotebookParameterKind.Integer, _) => Range("a whole number, a long", long.MinValue, long.MaxValue),
        (NotebookParameterKind.Number, "float") => Range("a finite number with '.' as the decimal point, a float", float.MinValue, float.MaxValue),
        (NotebookParameterKind.Number, "decimal") => Range("a number with '.' as the decimal point, a decimal", decimal.MinValue, decimal.MaxValue),
        (NotebookParameterKind.Number, _) => "a finite number with '.' as the decimal point (for example 2.5)",
        (NotebookParameterKind.Boolean, _) => "true or false",
        _ => "text",
    } + (Nullable ? ", or null" : "");

    private static string Range(string what, object minimum, object maximum) =>
        $"{what}; valid range: {Guard.Describe(minimum)} to {Guard.Describe(maximum)}";
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BatchLearning.Runner;

/// <summary>
/// Notebook parameters, the papermill way: a code cell tagged <c>parameters</c> declares a notebook's knobs and exercise answers
/// (<c>var seed = 2026;</c>, <c>double? myMeanWaitSeconds = null;</c>), and the runner injects a cell after it that assigns the values
/// given on the command line (<c>--param seed=7</c>). Values are checked against the declarations before any cell runs.
/// </summary>
public static partial class NotebookParameters
{
    /// <summary>The tag of the cell that declares the parameters.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell the runner injects after it.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Reads <c>NAME=VALUE</c> arguments (the text after <c>--param</c>) into name and value pairs, in order.</summary>
    /// <exception cref="ArgumentException">An argument has no '=' or no valid name, or a name is given twice.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseAssignments(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : argument[..equals].Trim();
            if (equals < 0 || !Identifier().IsMatch(name))
            {
                throw new ArgumentException($"--param takes NAME=VALUE, where NAME is a C# variable name (for example --param seed=7); got '{argument}'.", nameof(arguments));
            }

            if (pairs.Any(p => p.Key == name))
            {
                throw new ArgumentException($"--param {name} is given twice; give each parameter once.", nameof(arguments));
            }

            pairs.Add(new(name, argument[(equals + 1)..]));
        }

        return pairs;
    }

    /// <summary>The parameters a notebook's <c>parameters</c> cell declares, in order; empty when it has none.</summary>
    public static IReadOnlyList<NotebookParameter> Declared(NotebookDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var cell = document.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(ParametersTag));
        if (cell is null)
        {
            return [];
        }

        var declared = new List<NotebookParameter>();
        foreach (var line in cell.Source.Split('\n'))
        {
            var match = Declaration().Match(line);
            if (match.Success)
            {
                var type = match.Groups["type"].Value;
                var value = match.Groups["value"].Value.Trim();
                var declaredType = type == "var" ? TypeOfLiteral(value) : type;
                if (KindOfType(declaredType) is { } known)
                {
                    // A string is a reference type: without a nullable context (the kernel has none) it may always be null.
                    var nullable = match.Groups["nullable"].Success || type == "string" || value == "null";
                    declared.Add(new NotebookParameter(match.Groups["name"].Value, known, nullable, value, declaredType));
                }
            }
        }

        return declared;
    }

    /// <summary>
    /// The C# source of the cell to inject after the parameters cell: one assignment per given value, each checked against its declaration.
    /// </summary>
    /// <exception cref="ArgumentException">The notebook has no parameters cell, a name is not declared there, or a value does not fit its type.</exception>
    public static string InjectedSource(NotebookDocument document, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(values);
        var declared = Declared(document);
        if (declared.Count == 0)
        {
            throw new ArgumentException($"{document.Name} has no code cell tagged '{ParametersTag}', so it takes no --param values.", nameof(document));
        }

        var lines = new List<string> { "// Injected by the course runner: the values given with --param." };
        foreach (var (name, text) in values)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException(
                    $"{document.Name} has no parameter '{name}'. Its parameters: {string.Join(", ", declared.Select(p => p.Name))}.", nameof(values));
            lines.Add($"{name} = {parameter.ToLiteral(text, document.Name)};");
        }

        return string.Join('\n', lines);
    }

    /// <summary>The values a runner injected into <paramref name="document"/> (name to C# literal); empty when none.</summary>
    public static IReadOnlyDictionary<string, string> Injected(NotebookDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var cell = document.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(InjectedTag));
        return cell is null
            ? new Dictionary<string, string>()
            : cell.Source.Split('\n').Select(line => Assignment().Match(line)).Where(m => m.Success)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
    }

    private static NotebookParameterKind? KindOfType(string type) => type switch
    {
        "int" or "long" => NotebookParameterKind.Integer,
        "double" or "float" or "decimal" => NotebookParameterKind.Number,
        "bool" => NotebookParameterKind.Boolean,
        "string" => NotebookParameterKind.Text,
        _ => null,
    };

    // The type C# gives a var declared with this literal: int (long when it does not fit), double, float (f), decimal (m), bool or string; "" when unknown.
    private static string TypeOfLiteral(string literal)
    {
        var digits = literal.Replace("_", "", StringComparison.Ordinal);
        return literal switch
        {
            "true" or "false" => "bool",
            _ when literal.StartsWith('"') => "string",
            _ when int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "int",
            _ when long.TryParse(digits.TrimEnd('L', 'l'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "long",
            _ when digits.EndsWith('f') || digits.EndsWith('F') => Number(digits, "float"),
            _ when digits.EndsWith('m') || digits.EndsWith('M') => Number(digits, "decimal"),
            _ => Number(digits.TrimEnd('d', 'D'), "double"),
        };

        static string Number(string text, string type) =>
            double.TryParse(text.TrimEnd('f', 'F', 'm', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? type : "";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*(?<type>var|int|long|double|float|decimal|bool|string)(?<nullable>\?)?\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>[^;]+);")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*) = (?<value>.*);$")]
    private static partial Regex Assignment();
}

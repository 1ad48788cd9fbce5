using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchLearning.Notebook;

/// <summary>
/// The command line of a lesson (a notebook exported as a .NET file-based app): <c>--param NAME=VALUE</c>, repeatable, as the course runner
/// takes it for the notebook (<c>dotnet run lessons/06-first-ai-workflow.cs -- --param windowMinutes=15</c>), and <c>--help</c>.
/// </summary>
/// <param name="Values">The values given, by parameter name, as written (converted when the lesson reads the parameter).</param>
/// <param name="HelpWanted">True when <c>--help</c> (or <c>-h</c>) was given.</param>
internal sealed partial record LessonArguments(IReadOnlyDictionary<string, string> Values, bool HelpWanted)
{
    /// <summary>Reads <paramref name="args"/>, checking every name against the lesson's <paramref name="parameters"/>.</summary>
    /// <param name="args">The program's arguments (after <c>--</c> on the <c>dotnet run</c> line).</param>
    /// <param name="lessonName">The lesson's name, for example "06-first-ai-workflow", for the messages.</param>
    /// <param name="parameters">The names the lesson's parameters cell declares.</param>
    /// <exception cref="ArgumentException">An argument other than <c>--param NAME=VALUE</c> or <c>--help</c>, a name given twice, or a name the lesson does not declare.</exception>
    public static LessonArguments Parse(IReadOnlyList<string> args, string lessonName, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (argument is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }

            var assignment = argument.StartsWith("--param=", StringComparison.Ordinal) ? argument["--param=".Length..]
                : argument == "--param" && i + 1 < args.Count ? args[++i]
                : throw new ArgumentException($"{lessonName} takes --param NAME=VALUE (repeatable) and --help; got '{argument}'.", nameof(args));
            var (name, value) = Split(assignment);
            if (!parameters.Contains(name))
            {
                throw new ArgumentException(parameters.Count == 0
                    ? $"{lessonName} has no parameters, so it takes no --param values; got '{name}'."
                    : $"{lessonName} has no parameter '{name}'. Its parameters: {string.Join(", ", parameters)}.", nameof(args));
            }

            if (!values.TryAdd(name, value))
            {
                throw new ArgumentException($"--param {name} is given twice; give each parameter once.", nameof(args));
            }
        }

        return new LessonArguments(values, help);
    }

    /// <summary>
    /// <paramref name="text"/> as a value of <typeparamref name="T"/>, by the runner's rules: whole numbers for int and long,
    /// finite numbers with '.' as the decimal point for double, float and decimal, true or false, any text for a string,
    /// and <c>null</c> for a nullable type or a string.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a value of <typeparamref name="T"/>, or <typeparamref name="T"/> is not one of those types.</exception>
    public static T Convert<T>(string name, string text, string lessonName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var type = typeof(T);
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || type == typeof(string);
        var trimmed = text.Trim();
        if (trimmed == "null" && nullable)
        {
            return default!;
        }

        var target = underlying ?? type;
        object? value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(int) && int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => whole,
            _ when target == typeof(long) && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wide) => wide,
            _ when target == typeof(double) && Finite(trimmed) is { } number => number,
            _ when target == typeof(float) && Finite(trimmed) is { } single && float.IsFinite((float)single) => (float)single,
            _ when target == typeof(decimal) && decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var money) => money,
            _ when target == typeof(bool) && bool.TryParse(trimmed, out var flag) => flag,
            _ => null,
        };
        return value is null
            ? throw new ArgumentException($"--param {name}={text}: in {lessonName}, {name} is {Describe(target, nullable)}; '{text}' is not.{RangeOf(target)}", nameof(text))
            : (T)value;
    }

    // The range of a type whose values a number can overflow (an int, a float), said after the refusal.
    private static string RangeOf(Type type) => type switch
    {
        _ when type == typeof(int) => $" Valid range for an int: {Guard.Describe(int.MinValue)} to {Guard.Describe(int.MaxValue)}.",
        _ when type == typeof(float) => $" Valid range for a float: {Guard.Describe(float.MinValue)} to {Guard.Describe(float.MaxValue)}.",
        _ => "",
    };

    private static double? Finite(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    private static string Describe(Type type, bool nullable) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number (for example 7)",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a finite number with '.' as the decimal point (for example 2.5)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "text",
        _ => $"a {type.Name}, which --param cannot set",
    } + (nullable ? ", or null" : "");

    private static (string Name, string Value) Split(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? "" : assignment[..equals].Trim();
        return equals < 0 || !Identifier().IsMatch(name)
            ? throw new ArgumentException($"--param takes NAME=VALUE, where NAME is a C# variable name (for example --param seed=7); got '{assignment}'.", nameof(assignment))
            : (name, assignment[(equals + 1)..]);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

using System.Globalization;
using System.Runtime.CompilerServices;

namespace BatchLearning;

/// <summary>
/// The one place that refuses an out-of-range value: every message names the argument, its value and the valid range,
/// for example "batchSize is 0; valid range: 1 to 65,536." Checks run before any arithmetic that could overflow.
/// </summary>
internal static class Guard
{
    /// <summary>The error for <paramref name="name"/> holding <paramref name="value"/> outside <paramref name="range"/> (said as "1 to 65,536", "above 0 to 1e9").</summary>
    public static ArgumentOutOfRangeException OutOfRange(string name, object? value, string range) =>
        new(name, value, $"{name} is {Describe(value)}; valid range: {range}.");

    /// <summary>Returns <paramref name="value"/> when it is from <paramref name="minimum"/> to <paramref name="maximum"/>, else refuses it.</summary>
    public static int InRange(int value, int minimum, int maximum, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value >= minimum && value <= maximum ? value : throw OutOfRange(name, value, $"{Describe(minimum)} to {Describe(maximum)}");

    /// <summary>Returns <paramref name="value"/> when it is from <paramref name="minimum"/> to <paramref name="maximum"/>, else refuses it.</summary>
    public static long InRange(long value, long minimum, long maximum, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value >= minimum && value <= maximum ? value : throw OutOfRange(name, value, $"{Describe(minimum)} to {Describe(maximum)}");

    /// <summary>Returns <paramref name="value"/> when it is a finite number from <paramref name="minimum"/> to <paramref name="maximum"/>, else refuses it (NaN and infinities included).</summary>
    public static double InRange(double value, double minimum, double maximum, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value >= minimum && value <= maximum && double.IsFinite(value) ? value : throw OutOfRange(name, value, $"{Describe(minimum)} to {Describe(maximum)}");

    /// <summary>Returns <paramref name="value"/> when it is a finite number above <paramref name="exclusiveMinimum"/> and at most <paramref name="maximum"/>, else refuses it.</summary>
    public static double Above(double value, double exclusiveMinimum, double maximum, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value > exclusiveMinimum && value <= maximum && double.IsFinite(value) ? value : throw OutOfRange(name, value, $"above {Describe(exclusiveMinimum)} to {Describe(maximum)}");

    /// <summary>Returns <paramref name="span"/> when it is from <paramref name="minimum"/> to <paramref name="maximum"/>, else refuses it.</summary>
    public static TimeSpan InRange(TimeSpan span, TimeSpan minimum, TimeSpan maximum, [CallerArgumentExpression(nameof(span))] string name = "") =>
        span >= minimum && span <= maximum ? span : throw OutOfRange(name, span, $"{Describe(minimum)} to {Describe(maximum)}");

    /// <summary>Returns <paramref name="value"/> unless it is null, empty or only white space; then refuses it naming <paramref name="name"/>.</summary>
    public static string NotBlank(string? value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{name} is {(value is null ? "null" : "empty")}; give a non-empty text.", name)
            : value;

    /// <summary>The earliest date a price or a measurement may carry: 2000-01-01.</summary>
    public static readonly DateOnly EarliestReading = new(2000, 1, 1);

    /// <summary>
    /// Returns <paramref name="date"/>, the day something was read (a price, terms), when it is from 2000-01-01 to tomorrow (UTC, for time zones ahead);
    /// a price dated 2099 has not been read yet.
    /// </summary>
    public static DateOnly ReadOn(DateOnly date, [CallerArgumentExpression(nameof(date))] string name = "")
    {
        var latest = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        return date >= EarliestReading && date <= latest
            ? date
            : throw OutOfRange(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{EarliestReading:yyyy-MM-dd} to {latest:yyyy-MM-dd} (no later than tomorrow)");
    }

    /// <summary>
    /// Returns a computed <paramref name="result"/> when it is finite; else refuses the input it came from, naming <paramref name="name"/>, its value
    /// and the range where the result stays finite (a NaN or infinity is never returned as an answer).
    /// </summary>
    public static double FiniteResult(double result, string name, object? value, string range) =>
        double.IsFinite(result) ? result : throw OutOfRange(name, value, range);

    /// <summary>A number as a person reads it: "65,536", "0.25", "1e+200".</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsInfinity(d) => d > 0 ? "infinity" : "-infinity",
        double d when d != 0 && (Math.Abs(d) >= 1e15 || Math.Abs(d) < 1e-4) => d.ToString("g4", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.######", CultureInfo.InvariantCulture),
        float f => Describe((double)f),
        decimal m => m.ToString("#,0.############", CultureInfo.InvariantCulture),
        int or long => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        TimeSpan span when span.Duration() >= TimeSpan.FromDays(1) => $"{Describe(span.TotalDays)} days",
        TimeSpan span when span.Duration() >= TimeSpan.FromSeconds(1) => $"{Describe(span.TotalSeconds)} s",
        TimeSpan span => $"{Describe(span.TotalMilliseconds)} ms",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

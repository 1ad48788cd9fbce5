using System.Globalization;
using System.Net;
using System.Text.Json;

namespace BatchLearning.Findings;

/// <summary>
/// A result the course states, as a value: the sentence a cell shows, the numbers it was computed from, and the verdict its wording follows.
/// A library function builds it (and is unit-tested on every branch of its wording), a cell only displays it, and a test reads its numbers
/// and verdict from its <see cref="MimeType"/> form in the notebook's output instead of parsing the sentence.
/// (A comparison of two timings has its own form, <see cref="Timing.TimingFinding"/>, with the medians and interval it is judged by.)
/// </summary>
/// <param name="Topic">What the finding is about, the same on every run ("continuous against static, measured").</param>
/// <param name="Text">The sentence, computed from <paramref name="Numbers"/>.</param>
/// <param name="Numbers">The numbers the sentence states or is worded by, by name.</param>
public sealed record Finding(string Topic, string Text, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>The MIME type of a finding's machine-readable form in a notebook's output (JSON, see <see cref="ToJson"/>).</summary>
    public const string MimeType = "application/vnd.batchlearning.statement+json";

    /// <summary>The branch the sentence took ("lower", "not lower"), when its wording follows one; null otherwise.</summary>
    public string? Verdict { get; init; }

    /// <summary>The sentence.</summary>
    public override string ToString() => Text;

    /// <summary>
    /// The sentence as HTML, the numbers folded under "Details", one per line to four significant digits. The element carries the JSON form,
    /// with every digit, in its <c>data-finding</c> attribute, for tools and tests reading a lesson's page.
    /// </summary>
    public string ToHtml() =>
        $"<div class=\"batchlearning-finding\" data-finding=\"{WebUtility.HtmlEncode(ToJson())}\">{WebUtility.HtmlEncode(Text)}<details><summary>Details</summary>"
        + $"<pre>{WebUtility.HtmlEncode(DetailLines())}</pre></details></div>";

    private string DetailLines() => string.Join("\n",
        [$"topic: {Topic}", .. Verdict is null ? Array.Empty<string>() : [$"verdict: {Verdict}"],
            .. Numbers.Select(n => $"{n.Key}: {Shown(n.Value)}")]);

    // Four significant digits, whole numbers kept whole ("10,819", "0.3", "1.8"); very small or large ones in exponent form ("2.384E-07").
    private static string Shown(double value) => !double.IsFinite(value) ? "not a number"
        : value == 0 ? "0"
        : Math.Abs(value) is >= 1e-3 and < 1e9
            ? Math.Round(value, Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(value))))).ToString("#,0.####", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The topic, verdict and numbers as JSON (a number that is not finite is written as null).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        topic = Topic,
        verdict = Verdict,
        numbers = Numbers.ToDictionary(n => n.Key, n => double.IsFinite(n.Value) ? n.Value : (double?)null),
    });

    /// <summary>A finding of <paramref name="topic"/>: <paramref name="text"/>, computed from <paramref name="numbers"/>.</summary>
    /// <param name="topic">What the finding is about.</param>
    /// <param name="text">The sentence (build it with the invariant culture: see <see cref="FormattableString.Invariant"/>).</param>
    /// <param name="numbers">Its numbers by name: at least one, each name once.</param>
    public static Finding Of(string topic, string text, params (string Name, double Value)[] numbers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Length == 0)
        {
            throw new ArgumentException("A finding states at least one number; give the numbers its sentence is computed from.", nameof(numbers));
        }

        var duplicate = numbers.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Each number of a finding needs its own name; '{duplicate.Key}' was given {duplicate.Count()} times.", nameof(numbers));
        }

        return new Finding(topic, text, numbers.ToDictionary(n => n.Name, n => n.Value));
    }
}

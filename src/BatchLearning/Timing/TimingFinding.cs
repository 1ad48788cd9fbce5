using System.Globalization;
using System.Net;
using System.Text.Json;

namespace BatchLearning.Timing;

/// <summary>
/// A result the course states about two timings, as a value: the numbers (<see cref="Result"/>), the verdict, the sentence a cell shows and the
/// reason for the branch the run took. The sentence is worded for every verdict by <see cref="Of"/>, so a notebook cell only displays it,
/// an exercise's check uses the same finding, and a test reads its fields (or its <see cref="MimeType"/> form in a notebook's output).
/// </summary>
/// <param name="Subject">What was timed, as a sentence starts ("The model alone").</param>
/// <param name="Unit">The unit the times are per ("email").</param>
/// <param name="Result">The judged comparison: medians, per-round ratios, interval, verdict, contention.</param>
/// <param name="Sentence">The measured result in words, computed from <paramref name="Result"/>.</param>
/// <param name="Reason">Why it came out this way, chosen by the verdict.</param>
public sealed record TimingFinding(string Subject, string Unit, HeadToHeadResult Result, string Sentence, string Reason)
{
    /// <summary>The MIME type of a finding's machine-readable form in a notebook's output (JSON, see <see cref="ToJson"/>).</summary>
    public const string MimeType = "application/vnd.batchlearning.finding+json";

    /// <summary>
    /// The verdict the course teaches for this comparison, when it teaches one (null when the lesson states whichever verdict the run gives).
    /// A notebook's approved transcript keeps the verdict of a finding that has one; tests check the run reached it.
    /// </summary>
    public HeadToHeadVerdict? ExpectedVerdict { get; init; }

    /// <summary>The verdict: which way was faster, or too close to call on this run.</summary>
    public HeadToHeadVerdict Verdict => Result.Verdict;

    /// <summary>The finding of a judged comparison, its sentence worded for its verdict and its contention.</summary>
    /// <param name="subject">What was timed, as a sentence starts ("The model alone").</param>
    /// <param name="unit">The unit the times are per ("email").</param>
    /// <param name="result">The judged comparison.</param>
    /// <param name="reasons">A reason for each verdict.</param>
    public static TimingFinding Of(string subject, string unit, HeadToHeadResult result, FindingReasons reasons)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(reasons);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{subject}, per {unit} (median rounds): {result.First} {Milliseconds(result.FirstMilliseconds)}, {result.Second} {Milliseconds(result.SecondMilliseconds)}; ")
            + (result.Verdict == HeadToHeadVerdict.TooCloseToCall
                ? $"{RatioWording.TooCloseToCall} ({Interval(result)})."
                : $"{result.Second} was {RatioWording.Of(result)} (the median of the per-round ratios; {Interval(result)}).")
            + Contention(result.Contention);
        return new TimingFinding(subject, unit, result, sentence, reasons.For(result.Verdict));
    }

    /// <summary>The finding as a cell shows it: its sentence, then its reason.</summary>
    public string Text => $"{Sentence} {Reason}";

    /// <summary>The finding as text: <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    /// <summary>The sentence and the reason as HTML, the numbers folded under "Details".</summary>
    public string ToHtml() =>
        $"<div class=\"batchlearning-finding\">{WebUtility.HtmlEncode(Text)}<details><summary>Details</summary>"
        + $"<pre>{WebUtility.HtmlEncode(ToJson())}</pre></details></div>";

    /// <summary>The finding's numbers and verdict as JSON, for tests and tools reading a notebook's output.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        subject = Subject,
        unit = Unit,
        first = Result.First,
        second = Result.Second,
        verdict = Verdict.ToString(),
        expectedVerdict = ExpectedVerdict?.ToString(),
        firstMilliseconds = Result.FirstMilliseconds,
        secondMilliseconds = Result.SecondMilliseconds,
        medianRatio = Result.MedianRatio,
        ratioLow = Finite(Result.RatioLow),
        ratioHigh = Finite(Result.RatioHigh),
        rounds = Result.Rounds,
        torchThreads = Result.TorchThreads,
        referenceSpread = Finite(Result.Contention.ReferenceSpread),
        busy = Result.Contention.Busy,
    });

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    // At least three significant figures below 1 ms (0.000785, not 0.001), so that the shown times give the shown ratio.
    private static string Milliseconds(double value) =>
        value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : value >= 1 ? "0.00"
            : "0." + new string('0', 3) + new string('#', Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Max(value, 1e-9))) - 3, 0, 6)), CultureInfo.InvariantCulture) + " ms";

    private static string Interval(HeadToHeadResult result)
    {
        var threads = result.TorchThreads == 1 ? "1 libtorch thread" : $"{result.TorchThreads} libtorch threads";
        return double.IsNaN(result.RatioLow)
            ? $"{result.Rounds} rounds on {threads}: too few for a 95 % interval"
            : string.Create(CultureInfo.InvariantCulture,
                $"{result.First} took {result.RatioLow:0.00} to {result.RatioHigh:0.00} times as long as {result.Second} per round: a 95 % interval from {result.Rounds} rounds on {threads}");
    }

    private static string Contention(MachineContention contention) => double.IsNaN(contention.ReferenceSpread)
        ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $" The machine was {(contention.Busy ? "busy" : "quiet")} during the rounds: a fixed reference task's slowest round took {contention.ReferenceSpread:P0} longer than its fastest.");
}

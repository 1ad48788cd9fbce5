using System.Globalization;
using BatchLearning.Timing;

namespace BatchLearning.Notebook;

/// <summary>
/// Check cells for the exercises ("Try it yourself", "Check your understanding"). An answer lives in the notebook's parameters cell and
/// starts unset (null); the check says how to answer while it is unset, and "Right" or "Not quite" with the measured value and the reason
/// once it is set. Answers can also be given to the course runner: <c>run NOTEBOOK --param myPrediction=larger</c>.
/// </summary>
public static class Exercise
{
    /// <summary>The first words of a check whose answer is still unset.</summary>
    public const string NotAnswered = "Not answered yet";

    /// <summary>The first word of a check whose answer agrees with the measurement.</summary>
    public const string Right = "Right";

    /// <summary>The first words of a check whose answer does not.</summary>
    public const string NotQuite = "Not quite";

    /// <summary>The first words of a check on a timing the run could not tell apart: no answer is right or wrong on that run.</summary>
    public const string TooCloseToCall = "Too close to call";

    /// <summary>
    /// Shown before a measurement: the learner's prediction as it stands, so it is on record before the numbers appear.
    /// </summary>
    /// <param name="name">The answer's variable name in the parameters cell, for example "myPrediction".</param>
    /// <param name="answer">Its value (null while unset).</param>
    public static string Prediction(string name, object? answer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return IsUnset(answer)
            ? $"No prediction yet: set {name} in the parameters cell at the top of the notebook before you run the measurement below."
            : $"Your prediction: {Show(answer)}. The next cells measure it; the check comes after them.";
    }

    /// <summary>Checks a choice (for example "larger" or "smaller") against the one this run's measurement supports.</summary>
    /// <param name="name">The answer's variable name in the parameters cell.</param>
    /// <param name="answer">The learner's choice (null while unset); compared ignoring case and surrounding spaces.</param>
    /// <param name="choices">The valid choices, at least two.</param>
    /// <param name="correct">The choice the measurement (or the theory, for a quiz question) supports; one of <paramref name="choices"/>.</param>
    /// <param name="explanation">What was measured and why, shown once an answer is given.</param>
    /// <exception cref="ArgumentException"><paramref name="correct"/> is not one of <paramref name="choices"/>, or there are fewer than two choices.</exception>
    public static string Check(string name, string? answer, IReadOnlyList<string> choices, string correct, string explanation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentException.ThrowIfNullOrWhiteSpace(explanation);
        if (choices.Count < 2)
        {
            throw new ArgumentException($"An exercise needs at least two choices; got {choices.Count}.", nameof(choices));
        }

        var right = choices.FirstOrDefault(c => Same(c, correct))
            ?? throw new ArgumentException($"correct must be one of the choices ({Quote(choices)}); got \"{correct}\".", nameof(correct));
        if (IsUnset(answer))
        {
            return $"{NotAnswered}: set {name} to one of {Quote(choices)} in the parameters cell at the top of the notebook, run that cell, then run this cell again.";
        }

        if (!choices.Any(c => Same(c, answer!)))
        {
            return $"{NotAnswered}: {name} is \"{answer}\", which is not one of the choices {Quote(choices)}. Change it in the parameters cell, run that cell, then run this cell again.";
        }

        return Same(answer!, right)
            ? $"{Right}: {explanation}"
            : $"{NotQuite}: you answered \"{answer!.Trim()}\", the answer is \"{right}\". {Capitalised(explanation)}";
    }

    /// <summary>
    /// Checks which of two ways a learner predicted faster against a timing finding: the choices are the finding's two ways, the right one is the
    /// way its verdict names, and the explanation is the finding's own sentence and reason, so the check never argues against the run.
    /// When the run could not tell the ways apart, a valid answer is neither right nor wrong: the check says so (<see cref="TooCloseToCall"/>).
    /// </summary>
    /// <param name="name">The answer's variable name in the parameters cell.</param>
    /// <param name="answer">The learner's choice (null while unset): one of the finding's two way names.</param>
    /// <param name="finding">The finding the measurement cell displayed.</param>
    public static string Check(string name, string? answer, TimingFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        string[] choices = [finding.Result.First, finding.Result.Second];
        var explanation = finding.Text;
        if (finding.Result.Faster is { } faster)
        {
            return Check(name, answer, choices, faster, explanation);
        }

        if (IsUnset(answer) || !choices.Any(c => Same(c, answer!)))
        {
            return Check(name, answer, choices, choices[0], explanation);
        }

        return $"{TooCloseToCall}: you answered \"{answer!.Trim()}\", and this run could not tell the two apart, so it can neither confirm nor refute it. {explanation}";
    }

    /// <summary>
    /// Checks a choice against what the run supports, when the run may also be unable to tell: <paramref name="correct"/> null means the
    /// measurement could not separate the choices, and a valid answer is then neither right nor wrong (<see cref="TooCloseToCall"/>).
    /// </summary>
    /// <param name="name">The answer's variable name in the parameters cell.</param>
    /// <param name="answer">The learner's choice (null while unset).</param>
    /// <param name="choices">The valid choices, at least two.</param>
    /// <param name="correct">The choice the run supports, or null when it could not tell.</param>
    /// <param name="explanation">What was measured, shown once an answer is given.</param>
    public static string CheckUnlessTooClose(string name, string? answer, IReadOnlyList<string> choices, string? correct, string explanation)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (correct is not null || IsUnset(answer) || !choices.Any(c => Same(c, answer!)))
        {
            return Check(name, answer, choices, correct ?? choices[0], explanation);
        }

        return $"{TooCloseToCall}: you answered \"{answer!.Trim()}\", and this run could not tell the choices apart, so it can neither confirm nor refute it. {Capitalised(explanation)}";
    }

    /// <summary>Checks a number against this run's measured value, within a relative tolerance.</summary>
    /// <param name="name">The answer's variable name in the parameters cell.</param>
    /// <param name="answer">The learner's number (null while unset).</param>
    /// <param name="measured">The value this run measured (finite).</param>
    /// <param name="relativeTolerance">How close counts as right, as a share of <paramref name="measured"/>: from 0 (exclusive) to 1, for example 0.1 for 10 %.</param>
    /// <param name="explanation">What was measured and why, shown once an answer is given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="measured"/> is not finite, or the tolerance is outside (0, 1].</exception>
    public static string Check(string name, double? answer, double measured, double relativeTolerance, string explanation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(explanation);
        if (!double.IsFinite(measured))
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, "measured must be a finite number.");
        }

        if (!(relativeTolerance > 0 && relativeTolerance <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, $"relativeTolerance must be above 0 and at most 1; got {relativeTolerance}.");
        }

        if (answer is null)
        {
            return $"{NotAnswered}: set {name} to a number in the parameters cell at the top of the notebook, run that cell, then run this cell again.";
        }

        if (!double.IsFinite(answer.Value))
        {
            return $"{NotAnswered}: {name} is {answer.Value}, which is not a finite number. Change it in the parameters cell, run that cell, then run this cell again.";
        }

        var within = Math.Abs(answer.Value - measured) <= relativeTolerance * Math.Abs(measured);
        return within
            ? $"{Right}: {Show(answer.Value)} is within {Percent(relativeTolerance)} of {Show(measured)}. {Capitalised(explanation)}"
            : $"{NotQuite}: you answered {Show(answer.Value)}; this run measured {Show(measured)} (right is within {Percent(relativeTolerance)} of it). {Capitalised(explanation)}";
    }

    // A tolerance as a reader expects it: "5 %", "0.5 %" (P0 would round 0.5 % up to 1 %).
    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Capitalised(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static bool IsUnset(object? answer) => answer is null || answer is string text && string.IsNullOrWhiteSpace(text);

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Quote(IEnumerable<string> choices) => string.Join(", ", choices.Select(c => $"\"{c}\""));

    private static string Show(object? value) => value switch
    {
        double number => number.ToString(Math.Abs(number) >= 1000 ? "N0" : "G4", CultureInfo.InvariantCulture),
        string text => $"\"{text.Trim()}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

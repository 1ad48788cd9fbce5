using BatchLearning.Findings;
using BatchLearning.Jobs;
using BatchLearning.Latency;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>
/// How long the emails of a periodic job's day waited from arrival to category, against the formula for a job that runs every <see cref="WindowSeconds"/>:
/// an email arrives at a random moment of its window and waits for the window's end, so waits spread evenly from 0 to T (mean T/2, quantile p at p·T).
/// </summary>
/// <param name="Emails">Emails classified.</param>
/// <param name="MeanSeconds">Their mean wait.</param>
/// <param name="P50Seconds">The median wait.</param>
/// <param name="P95Seconds">The wait 95 % of them stayed under.</param>
/// <param name="P99Seconds">The wait 99 % of them stayed under.</param>
/// <param name="MaxSeconds">The longest wait.</param>
/// <param name="WindowSeconds">The job's period T.</param>
public sealed record JobWaits(int Emails, double MeanSeconds, double P50Seconds, double P95Seconds, double P99Seconds, double MaxSeconds, double WindowSeconds)
{
    /// <summary>How far (as a share of the formula's value) the measured mean and p99 may stray and still agree with the formula.</summary>
    public const double Tolerance = 0.05;

    /// <summary>The formula's mean wait, T/2.</summary>
    public double FormulaMeanSeconds => WindowSeconds / 2;

    /// <summary>The formula's p99 wait, 0.99 T.</summary>
    public double FormulaP99Seconds => LatencyFormulas.PeriodicFlushWaitQuantile(WindowSeconds, 0.99);

    /// <summary>True when the measured mean and p99 are both within <see cref="Tolerance"/> of the formula's.</summary>
    public bool AgreesWithFormula =>
        Math.Abs(MeanSeconds / FormulaMeanSeconds - 1) <= Tolerance && Math.Abs(P99Seconds / FormulaP99Seconds - 1) <= Tolerance;

    /// <summary>The waits of <paramref name="results"/>, a job's classified emails, for a job run every <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No results (nothing was classified, so no wait was measured), or a window that is not positive.</exception>
    public static JobWaits Of(IReadOnlyList<ClassifiedEmail> results, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(results);
        Guard.InRange(window, TimeSpan.FromTicks(1), TimeSpan.FromDays(1), nameof(window));
        if (results.Count == 0)
        {
            throw Guard.OutOfRange(nameof(results), "no classified emails", "1 or more classified emails (without one, no wait was measured)");
        }

        var waits = results.Select(r => r.Latency.TotalSeconds).Order().ToList();
        return new JobWaits(waits.Count, waits.Average(), NearestRank.Quantile(waits, 0.50), NearestRank.Quantile(waits, 0.95),
            NearestRank.Quantile(waits, 0.99), waits[^1], window.TotalSeconds);
    }

    /// <summary>
    /// The waits against the formula, and whether the job's categories are those of classifying the whole day at once.
    /// The verdict: "agrees with the formula" or "does not agree with the formula".
    /// </summary>
    /// <param name="sameAsAtOnce">Whether every email got the category the classifier gives the whole day at once.</param>
    public Finding Describe(bool sameAsAtOnce)
    {
        var agreement = AgreesWithFormula ? "as the formula says" : Invariant($"further than {Tolerance:P0} from the formula");
        var text = Invariant($"Each email waited for the end of its {WindowSeconds / 60:0.##}-minute window: mean {MeanSeconds:0} s against T/2 = {FormulaMeanSeconds:0} s, ") +
            Invariant($"p99 {P99Seconds:0} s against 0.99 T = {FormulaP99Seconds:0} s, {agreement}. The batch job's categories are ") +
            (sameAsAtOnce ? "identical to classifying the whole day at once: batching changes when, not what."
                : "different from classifying the whole day at once: the model's answers depend on how the mail was batched, which deserves a look.");
        return Finding.Of("the five-minute job's waits", text, ("emails", Emails), ("meanSeconds", MeanSeconds), ("p99Seconds", P99Seconds),
            ("formulaMeanSeconds", FormulaMeanSeconds), ("formulaP99Seconds", FormulaP99Seconds), ("windowSeconds", WindowSeconds), ("sameAsAtOnce", sameAsAtOnce ? 1 : 0))
            with { Verdict = AgreesWithFormula ? "agrees with the formula" : "does not agree with the formula" };
    }

    /// <summary>Why the mean wait is half the window, with the measured mean, for the check of the learner's prediction.</summary>
    public string ExplainMean() =>
        Invariant($"over {Emails:N0} emails the mean wait was {MeanSeconds:0} s. An email arrives at a random moment of its window of T = {WindowSeconds:0} s ") +
        Invariant($"and waits for the window's end, so its wait is spread evenly from 0 to T and the mean is T/2 = {FormulaMeanSeconds:0} s.");
}

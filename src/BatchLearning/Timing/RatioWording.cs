using System.Globalization;

namespace BatchLearning.Timing;

/// <summary>
/// How the course words a ratio of two times: always as "N x faster" or "N x slower" with N at least 1 ("2.4x slower", never "0.4x more"),
/// and "too close to call on this run" when the comparison could not tell the two apart.
/// </summary>
public static class RatioWording
{
    /// <summary>The words for a run that could not tell the two ways apart.</summary>
    public const string TooCloseToCall = "too close to call on this run";

    /// <summary>How many times: two decimals below 2 ("1.06"), one below 10 ("3.3"), none above ("12").</summary>
    /// <param name="times">A ratio of at least 1.</param>
    public static string Times(double times) => times.ToString(times < 1.995 ? "0.00" : times < 9.95 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A way's speed against another's, from their time ratio: "2.4x faster" when the other took 2.4 times as long,
    /// "2.4x slower" when it took 2.4 times as long as the other.
    /// </summary>
    /// <param name="otherOverThis">The other way's time over this way's (above 1: this way is faster); finite and above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is not a finite number above 0.</exception>
    public static string Faster(double otherOverThis)
    {
        if (!(otherOverThis > 0 && double.IsFinite(otherOverThis)))
        {
            throw new ArgumentOutOfRangeException(nameof(otherOverThis), otherOverThis, "A time ratio must be a finite number above 0.");
        }

        return otherOverThis >= 1 ? $"{Times(otherOverThis)}x faster" : $"{Times(1 / otherOverThis)}x slower";
    }

    /// <summary>
    /// What a comparison allows to say about its second way against its first: "3.3x faster", "2.4x slower" (the median of the per-round ratios,
    /// the statistic the verdict and its interval are computed from) or <see cref="TooCloseToCall"/>.
    /// </summary>
    /// <remarks>
    /// On a busy machine the ratio of the two median rounds can differ from the median ratio (a round slowed by another program slows one way more
    /// than the other); the median ratio is the one the interval beside it brackets, so a sentence quoting both never contradicts itself.
    /// </remarks>
    /// <param name="result">A judged comparison.</param>
    public static string Of(HeadToHeadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict == HeadToHeadVerdict.TooCloseToCall ? TooCloseToCall : Faster(result.MedianRatio);
    }
}

namespace BatchLearning.Latency;

/// <summary>The nearest-rank percentile used for every latency figure in the library (simulator, batcher, load generator).</summary>
public static class NearestRank
{
    /// <summary>The nearest-rank p-quantile of sorted values: the smallest value with at least p of all values at or below it.</summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <param name="p">More than 0 and at most 1, for example 0.99.</param>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values to take a quantile of.", nameof(sorted));
        }

        if (!double.IsFinite(p) || p is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be more than 0 and at most 1.");
        }

        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }
}

using System.Globalization;

namespace BatchLearning.Experiments;

/// <summary>What a learning-rate sweep found at one batch size: the largest rate that stayed stable, per sample too, and the best rate.</summary>
/// <param name="BatchSize">The batch size.</param>
/// <param name="LargestStableRate">The largest rate whose run was not unstable (NaN when none was stable).</param>
/// <param name="LargestStableRatePerSample">That rate divided by the batch size (Masters and Luschi's parameterisation).</param>
/// <param name="BestRate">The stable rate with the lowest final training loss (NaN when none was stable).</param>
/// <param name="UnstableRates">The rates whose runs were unstable, as a list ("3, 10, 30").</param>
public sealed record StableRate(int BatchSize, double LargestStableRate, double LargestStableRatePerSample, double BestRate, string UnstableRates)
{
    /// <summary>One row per batch size of a sweep, smallest first, judged by <paramref name="unstable"/>.</summary>
    public static IReadOnlyList<StableRate> Of(GridResults sweep, Func<GridRun, bool> unstable)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(unstable);
        return [.. sweep.Runs.GroupBy(r => r.BatchSize).OrderBy(g => g.Key).Select(g =>
        {
            var stable = g.Where(r => !unstable(r)).ToList();
            var largest = stable.Count == 0 ? double.NaN : stable.Max(r => r.LearningRate);
            return new StableRate(g.Key, largest, largest / g.Key, stable.MinBy(r => r.TrainLoss)?.LearningRate ?? double.NaN,
                string.Join(", ", g.Where(unstable).Select(r => r.LearningRate.ToString(CultureInfo.InvariantCulture))));
        })];
    }
}

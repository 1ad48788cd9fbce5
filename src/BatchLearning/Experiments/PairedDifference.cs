namespace BatchLearning.Experiments;

/// <summary>One quantity measured at a small and a large batch over the same seeds: each size's interval, and the interval on the seed-by-seed difference.</summary>
/// <param name="Quantity">What was measured ("Gap", "Sharpness", "Test accuracy").</param>
/// <param name="Small">Its interval over the seeds at the small batch.</param>
/// <param name="Large">Its interval at the large batch.</param>
/// <param name="Difference">The interval on large minus small, seed by seed.</param>
public sealed record PairedDifference(string Quantity, ConfidenceInterval Small, ConfidenceInterval Large, ConfidenceInterval Difference)
{
    /// <summary>The quantity <paramref name="value"/> of each seed at the two batch sizes, paired by seed.</summary>
    /// <param name="quantity">What is measured, as the sentence names it.</param>
    /// <param name="seeds">The seeds, at least two; each trained both sizes.</param>
    /// <param name="smallBatch">The small batch size.</param>
    /// <param name="largeBatch">The large batch size.</param>
    /// <param name="value">The quantity of the run of a batch size and seed.</param>
    public static PairedDifference Of(string quantity, IReadOnlyList<long> seeds, int smallBatch, int largeBatch, Func<int, long, double> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(quantity);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(value);
        Guard.InRange(seeds.Count, 2, 100_000, nameof(seeds) + ".Count");
        return new PairedDifference(quantity,
            ConfidenceInterval.Of(seeds.Select(s => value(smallBatch, s))),
            ConfidenceInterval.Of(seeds.Select(s => value(largeBatch, s))),
            ConfidenceInterval.Of(seeds.Select(s => value(largeBatch, s) - value(smallBatch, s))));
    }
}

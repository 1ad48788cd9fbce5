using System.Diagnostics;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// A batch function called directly, offline, with full batches of 64: the rate a saturated batcher is compared with (items a second, median of the repetitions).
/// Each repetition calls every batch once and goes on, round the batches again, until it has lasted <c>minimum</c>; one warm-up call first.
/// </summary>
internal static class OfflineRate
{
    public const int BatchSize = 64;

    public static double Median<TInput, TOutput>(
        Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> batchFunction, IEnumerable<TInput> inputs, int repetitions, TimeSpan minimum)
    {
        var batches = inputs.Chunk(BatchSize).Where(b => b.Length == BatchSize).ToArray();
        batchFunction(batches[0]);
        var rates = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var (watch, calls) = (Stopwatch.StartNew(), 0);
            while (calls < batches.Length || watch.Elapsed < minimum)
            {
                batchFunction(batches[calls++ % batches.Length]);
            }

            rates[r] = calls * BatchSize / watch.Elapsed.TotalSeconds;
        }

        return rates.Order().ElementAt(repetitions / 2);
    }
}

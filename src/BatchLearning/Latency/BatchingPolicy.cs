namespace BatchLearning.Latency;

/// <summary>How requests are grouped into batches, for <see cref="BatchingSimulator"/>.</summary>
public abstract record BatchingPolicy
{
    private BatchingPolicy()
    {
    }

    /// <summary>No batching: each request is its own batch, served first come, first served (real-time processing).</summary>
    public sealed record None : BatchingPolicy;

    /// <summary>A flush every <paramref name="PeriodSeconds"/> takes everything that arrived since the last one ("every five minutes").</summary>
    public sealed record PeriodicFlush(double PeriodSeconds) : BatchingPolicy;

    /// <summary>
    /// A window opened by the first waiting request, closed after <paramref name="WindowSeconds"/> or as soon as it holds
    /// <paramref name="MaxBatchSize"/> requests (no cap when null): what Triton's and Ray Serve's dynamic batchers do.
    /// </summary>
    public sealed record Window(double WindowSeconds, int? MaxBatchSize = null) : BatchingPolicy;

    /// <summary>
    /// Batches of exactly <paramref name="BatchSize"/> requests, dispatched when the last of them arrives (no time limit: a quiet
    /// stream waits). A final partial batch is dispatched with the last arrival.
    /// </summary>
    public sealed record Size(int BatchSize) : BatchingPolicy;

    /// <summary>Splits sorted arrival times into batches: (first index, count, dispatch time).</summary>
    internal List<(int First, int Count, double Dispatch)> Form(double[] arrivals) => this switch
    {
        None => [.. arrivals.Select((arrival, i) => (i, 1, arrival))],
        PeriodicFlush flush => Flushes(arrivals, flush),
        Window window => Windows(arrivals, window),
        Size size => FixedSizes(arrivals, size),
        _ => throw new InvalidOperationException($"Unknown policy {GetType().Name}."),
    };

    private static List<(int First, int Count, double Dispatch)> Flushes(double[] arrivals, PeriodicFlush flush)
    {
        Positive(flush.PeriodSeconds, nameof(PeriodicFlush.PeriodSeconds));
        var batches = new List<(int, int, double)>();
        for (var i = 0; i < arrivals.Length;)
        {
            var dispatch = Math.Ceiling(arrivals[i] / flush.PeriodSeconds) * flush.PeriodSeconds;
            var j = i;
            while (j < arrivals.Length && arrivals[j] <= dispatch)
            {
                j++;
            }

            batches.Add((i, j - i, dispatch));
            i = j;
        }

        return batches;
    }

    private static List<(int First, int Count, double Dispatch)> Windows(double[] arrivals, Window window)
    {
        Positive(window.WindowSeconds, nameof(Window.WindowSeconds));
        if (window.MaxBatchSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Window.MaxBatchSize), window.MaxBatchSize, "MaxBatchSize must be at least 1 (or null for no cap).");
        }

        var cap = window.MaxBatchSize ?? int.MaxValue;
        var batches = new List<(int, int, double)>();
        for (var i = 0; i < arrivals.Length;)
        {
            var close = arrivals[i] + window.WindowSeconds;
            var j = i;
            while (j < arrivals.Length && arrivals[j] <= close && j - i < cap)
            {
                j++;
            }

            batches.Add((i, j - i, j - i == cap ? arrivals[j - 1] : close));
            i = j;
        }

        return batches;
    }

    private static List<(int First, int Count, double Dispatch)> FixedSizes(double[] arrivals, Size size)
    {
        if (size.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Size.BatchSize), size.BatchSize, "BatchSize must be at least 1.");
        }

        var batches = new List<(int, int, double)>();
        for (var i = 0; i < arrivals.Length; i += size.BatchSize)
        {
            var count = Math.Min(size.BatchSize, arrivals.Length - i);
            batches.Add((i, count, arrivals[i + count - 1]));
        }

        return batches;
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than 0 seconds.");
        }
    }
}

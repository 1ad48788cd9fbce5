namespace BatchLearning.Latency;

/// <summary>
/// A seeded discrete-event simulation of one server fed by a batching policy: requests arrive, the policy closes batches,
/// the server serves them first come, first served. Deterministic under its seed.
/// </summary>
public static class BatchingSimulator
{
    /// <summary>Simulates <paramref name="options"/> and returns latency, throughput, utilisation and batch sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, window, service time or count is out of range (the message names it).</exception>
    public static SimulationResult Run(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Arrivals, nameof(options.Arrivals));
        ArgumentNullException.ThrowIfNull(options.Policy, nameof(options.Policy));
        ArgumentNullException.ThrowIfNull(options.Service, nameof(options.Service));
        if (options.Requests is < 1 or > 100_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options.Requests), options.Requests, "Requests must be from 1 to 100,000,000.");
        }

        if (!double.IsFinite(options.WarmUpFraction) || options.WarmUpFraction is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(options.WarmUpFraction), options.WarmUpFraction, "WarmUpFraction must be from 0 to 0.5.");
        }

        var arrivalRandom = SeededRandom.Create(options.Seed);
        var serviceRandom = SeededRandom.Create(unchecked(options.Seed * 31 + 17));
        var arrivals = options.Arrivals.Generate(options.Requests, arrivalRandom);
        var service = options.Service.Sampler();
        var batches = options.Policy.Form(arrivals);

        var n = arrivals.Length;
        var latency = new double[n];
        var queueing = new double[n];
        var sizeCounts = new Dictionary<int, int>();
        var serverFree = 0.0;
        var busy = 0.0;
        foreach (var (first, count, dispatch) in batches)
        {
            var start = Math.Max(dispatch, serverFree);
            var duration = service(count, serviceRandom);
            var end = start + duration;
            busy += duration;
            serverFree = end;
            for (var k = first; k < first + count; k++)
            {
                latency[k] = end - arrivals[k];
                queueing[k] = start - arrivals[k];
            }

            sizeCounts[count] = sizeCounts.GetValueOrDefault(count) + 1;
        }

        var skip = (int)(n * options.WarmUpFraction);
        var measured = latency.AsSpan(skip).ToArray();
        var span = serverFree - arrivals[0];
        var utilisation = span > 0 ? busy / span : 0;
        var stable = Stability(measured, utilisation);
        var report = stable != false;
        var waits = queueing.AsSpan(skip);
        var meanWait = 0.0;
        foreach (var wait in waits)
        {
            meanWait += wait;
        }

        meanWait /= Math.Max(1, waits.Length);
        var meanLatency = measured.Length > 0 ? measured.Average() : double.NaN;
        Array.Sort(measured);
        return new SimulationResult(
            Describe(options.Policy),
            measured.Length,
            stable,
            report ? meanLatency : double.NaN,
            report && measured.Length > 0 ? NearestRank.Quantile(measured, 0.50) : double.NaN,
            report && measured.Length > 0 ? NearestRank.Quantile(measured, 0.95) : double.NaN,
            report && measured.Length > 0 ? NearestRank.Quantile(measured, 0.99) : double.NaN,
            report ? meanWait : double.NaN,
            span > 0 ? n / span : double.NaN,
            utilisation,
            (double)n / batches.Count,
            batches.Count,
            sizeCounts);
    }

    /// <summary>The fewest measured requests (after the warm-up) on which the simulator judges whether the queue kept up.</summary>
    public const int FewestRequestsToJudgeStability = 20;

    // A server that cannot keep up is busy all the time and its latency keeps growing. Busy the whole run (utilisation 1, to rounding) is
    // not stable: the arrivals take all of the server's capacity, so nothing absorbs a burst. Below 0.99 it kept up; in between, compare
    // the last tenth of the run with the middle. Too few requests to tell gives null (not known) rather than a verdict.
    private static bool? Stability(double[] latencyInArrivalOrder, double utilisation)
    {
        if (latencyInArrivalOrder.Length < FewestRequestsToJudgeStability)
        {
            return null;
        }

        if (utilisation >= 1 - 1e-9)
        {
            return false;
        }

        if (utilisation < 0.99)
        {
            return true;
        }

        var tenth = latencyInArrivalOrder.Length / 10;
        var middle = latencyInArrivalOrder.AsSpan(4 * tenth, tenth).ToArray().Average();
        var last = latencyInArrivalOrder.AsSpan(latencyInArrivalOrder.Length - tenth).ToArray().Average();
        return last < 1.5 * middle;
    }

    private static string Describe(BatchingPolicy policy) => policy switch
    {
        BatchingPolicy.None => "no batching",
        BatchingPolicy.PeriodicFlush flush => $"flush every {flush.PeriodSeconds:G4} s",
        BatchingPolicy.Window { MaxBatchSize: null } window => $"window {window.WindowSeconds:G4} s",
        BatchingPolicy.Window window => $"window {window.WindowSeconds:G4} s, at most {window.MaxBatchSize}",
        BatchingPolicy.Size size => $"batches of {size.BatchSize}",
        _ => policy.GetType().Name,
    };
}

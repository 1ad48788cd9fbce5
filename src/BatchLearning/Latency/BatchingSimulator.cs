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
        Validate(options);
        var arrivals = options.Arrivals.Generate(options.Requests, SeededRandom.Create(options.Seed));
        var service = options.Service.Sampler();
        var batches = options.Policy.Form(arrivals);
        var served = Serve(arrivals, batches, service, SeededRandom.Create(unchecked(options.Seed * 31 + 17)));

        var skip = (int)(arrivals.Length * options.WarmUpFraction);
        var measured = served.Latency.AsSpan(skip).ToArray();
        var span = served.End - arrivals[0];
        var utilisation = span > 0 ? served.Busy / span : 0;
        var stable = Stability(measured, utilisation);
        var report = stable != false && measured.Length > 0;
        var meanWait = served.Queueing.Skip(skip).DefaultIfEmpty(0).Average();
        var meanLatency = measured.Length > 0 ? measured.Average() : double.NaN;
        Array.Sort(measured);
        double Quantile(double p) => report ? NearestRank.Quantile(measured, p) : double.NaN;
        return new SimulationResult(
            Describe(options.Policy),
            measured.Length,
            stable,
            stable != false ? meanLatency : double.NaN,
            Quantile(0.50),
            Quantile(0.95),
            Quantile(0.99),
            stable != false ? meanWait : double.NaN,
            span > 0 ? arrivals.Length / span : double.NaN,
            utilisation,
            (double)arrivals.Length / batches.Count,
            batches.Count,
            served.SizeCounts);
    }

    private static void Validate(SimulationOptions options)
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
    }

    // The single server, first come first served: each batch starts at its dispatch or when the server frees up, whichever is later.
    private static Served Serve(double[] arrivals, List<(int First, int Count, double Dispatch)> batches, Func<int, Random, double> service, Random random)
    {
        var served = new Served(new double[arrivals.Length], new double[arrivals.Length], new Dictionary<int, int>());
        foreach (var (first, count, dispatch) in batches)
        {
            var start = Math.Max(dispatch, served.End);
            var duration = service(count, random);
            served.Busy += duration;
            served.End = start + duration;
            for (var k = first; k < first + count; k++)
            {
                served.Latency[k] = served.End - arrivals[k];
                served.Queueing[k] = start - arrivals[k];
            }

            served.SizeCounts[count] = served.SizeCounts.GetValueOrDefault(count) + 1;
        }

        return served;
    }

    // What the server did: each request's latency and queueing wait (in arrival order), batch sizes, busy time and when it last finished.
    private sealed class Served(double[] latency, double[] queueing, Dictionary<int, int> sizeCounts)
    {
        public double[] Latency { get; } = latency;

        public double[] Queueing { get; } = queueing;

        public Dictionary<int, int> SizeCounts { get; } = sizeCounts;

        public double Busy { get; set; }

        public double End { get; set; }
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

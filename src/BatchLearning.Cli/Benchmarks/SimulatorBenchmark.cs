using System.Diagnostics;
using BatchLearning.Latency;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>Requests per second the latency simulator handles on one core: median, min and max of repeated runs after a warm-up.</summary>
internal static class SimulatorBenchmark
{
    /// <summary>The measured speed.</summary>
    /// <param name="Scenario">What was simulated.</param>
    /// <param name="Requests">Requests per run.</param>
    /// <param name="Repetitions">Timed runs.</param>
    /// <param name="MedianPerSecond">Median requests per second.</param>
    /// <param name="MinPerSecond">Slowest run.</param>
    /// <param name="MaxPerSecond">Fastest run.</param>
    public sealed record Result(string Scenario, int Requests, int Repetitions, double MedianPerSecond, double MinPerSecond, double MaxPerSecond);

    /// <summary>Times <paramref name="repetitions"/> runs of each scenario (M/M/1 without batching; a five-minute periodic flush; a capped window).</summary>
    public static IReadOnlyList<Result> Run(int requests, int repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var scenarios = new (string Name, SimulationOptions Options)[]
        {
            ("M/M/1, no batching", new SimulationOptions(new Arrivals.Poisson(0.5), new BatchingPolicy.None(), new ServiceTime.Exponential(1), requests)),
            ("periodic flush every 300 s", new SimulationOptions(new Arrivals.Poisson(0.25), new BatchingPolicy.PeriodicFlush(300), new ServiceTime.Linear(0.001, 0.0001), requests)),
            ("window 20 ms, at most 64", new SimulationOptions(new Arrivals.Poisson(200), new BatchingPolicy.Window(0.02, 64), new ServiceTime.Linear(0.010, 0.001), requests)),
        };
        var results = new List<Result>();
        foreach (var (name, options) in scenarios)
        {
            BatchingSimulator.Run(options with { Requests = Math.Min(requests, 100_000) }); // warm-up: JIT and tiered compilation
            var rates = new double[repetitions];
            for (var i = 0; i < repetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                BatchingSimulator.Run(options with { Seed = i });
                rates[i] = requests / watch.Elapsed.TotalSeconds;
            }

            Array.Sort(rates);
            results.Add(new Result(name, requests, repetitions, rates[repetitions / 2], rates[0], rates[^1]));
        }

        return results;
    }
}

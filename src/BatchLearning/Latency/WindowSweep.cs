using BatchLearning.Charts;

namespace BatchLearning.Latency;

/// <summary>Periodic-flush latency over several window lengths, simulated and by formula, for sensitivity charts.</summary>
public static class WindowSweep
{
    /// <summary>Simulates a periodic flush at each period (Poisson arrivals at <paramref name="arrivalRate"/>, the given service) and pairs it with the closed form.</summary>
    /// <param name="arrivalRate">Requests per second, more than 0.</param>
    /// <param name="periodsSeconds">Flush periods, at least one, each more than 0 seconds.</param>
    /// <param name="service">Service time of a flushed batch; the closed forms cover the wait before the flush, so choose a small one to compare.</param>
    /// <param name="requests">Requests simulated per period, from 1 to 100,000,000; defaults to 100,000.</param>
    /// <param name="seed">Seed of the arrivals; defaults to <see cref="CourseDefaults.Seed"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate, a period or the request count is out of range; all are checked before any simulation runs.</exception>
    public static IReadOnlyList<WindowLatency> PeriodicFlush(double arrivalRate, IEnumerable<double> periodsSeconds, ServiceTime service, int requests = 100_000, long seed = CourseDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(periodsSeconds);
        ArgumentNullException.ThrowIfNull(service);
        if (!double.IsFinite(arrivalRate) || arrivalRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), arrivalRate, $"arrivalRate must be more than 0 requests per second (finite); got {arrivalRate}.");
        }

        if (requests is < 1 or > 100_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(requests), requests, $"requests must be from 1 to 100,000,000; got {requests}.");
        }

        var periods = periodsSeconds.ToList();
        if (periods.Count == 0)
        {
            throw new ArgumentException("periodsSeconds is empty: give at least one flush period in seconds.", nameof(periodsSeconds));
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (!double.IsFinite(periods[i]) || periods[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(periodsSeconds), periods[i], $"Every flush period must be more than 0 seconds (finite); periodsSeconds[{i}] is {periods[i]}.");
            }
        }

        return periods.Select(period =>
        {
            var result = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(arrivalRate), new BatchingPolicy.PeriodicFlush(period), service, requests, Seed: seed));
            return new WindowLatency(
                period,
                result.MeanLatencySeconds, period / 2,
                result.LatencyP95Seconds, LatencyFormulas.PeriodicFlushWaitQuantile(period, 0.95),
                result.LatencyP99Seconds, LatencyFormulas.PeriodicFlushWaitQuantile(period, 0.99),
                result.MeanBatchSize);
        }).ToList();
    }

    /// <summary>Latency against window length: simulated mean, p95 and p99 as points, the formulas as lines.</summary>
    public static Chart ToChart(this IReadOnlyList<WindowLatency> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        ChartSeries Minutes(string name, Func<WindowLatency, double> seconds, SeriesStyle style) =>
            ChartSeries.From(points, p => p.PeriodSeconds / 60, p => seconds(p) / 60, name, style);
        return Chart.Of(
            "Waiting for the next flush: simulation (points) and formula (lines)",
            new Axis("flush period T, minutes"),
            new Axis("wait, minutes"),
            Minutes("simulated mean", p => p.SimulatedMeanSeconds, SeriesStyle.Markers),
            Minutes("simulated p95", p => p.SimulatedP95Seconds, SeriesStyle.Markers),
            Minutes("simulated p99", p => p.SimulatedP99Seconds, SeriesStyle.Markers),
            Minutes("T / 2", p => p.FormulaMeanSeconds, SeriesStyle.Lines),
            Minutes("0.95 T", p => p.FormulaP95Seconds, SeriesStyle.Lines),
            Minutes("0.99 T", p => p.FormulaP99Seconds, SeriesStyle.Lines));
    }
}

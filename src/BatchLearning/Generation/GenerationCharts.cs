using BatchLearning.Charts;

namespace BatchLearning.Generation;

/// <summary>Charts of generation runs: the slot timeline, the step-cost curve, throughput against tail latency.</summary>
public static class GenerationCharts
{
    /// <summary>
    /// A heat map of which request holds which slot at each step (colour = request id; blank = idle, or a finished sequence kept as padding),
    /// for the first <paramref name="steps"/> steps.
    /// </summary>
    public static Chart SlotTimeline(GenerationRun run, int steps = 150)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var (x, y, z) = (new List<double>(), new List<double>(), new List<double>());
        foreach (var step in run.Steps.Take(steps))
        {
            for (var slot = 0; slot < step.SlotRequests.Count; slot++)
            {
                x.Add(step.Index);
                y.Add(slot);
                z.Add(step.SlotRequests[slot] >= 0 ? step.SlotRequests[slot] : double.NaN);
            }
        }

        return Chart.Of($"Who holds which slot, {run.Policy.Name}: first {Math.Min(steps, run.Steps.Count)} steps (blank = idle or padding)",
            new Axis("step (one forward pass)"), new Axis("slot"), new ChartSeries("request id", x, y, SeriesStyle.HeatMap, Z: z));
    }

    /// <summary>Measured milliseconds per decode pass against batch size, with the fitted line, and the tokens per second it gives.</summary>
    public static Chart StepCost(StepCostCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var sizes = calibration.Points.Select(p => (double)p.BatchSize).ToList();
        return Chart.Of("Decode pass: milliseconds against batch size (measured, and the fitted s0 + s1 x batch)", new Axis("sequences in the pass", Logarithmic: true), new Axis("ms per pass"),
            new ChartSeries("measured (median)", sizes, calibration.Points.Select(p => p.DecodeMs).ToList(), SeriesStyle.Markers),
            new ChartSeries("fit", sizes, sizes.Select(b => calibration.Fit.Seconds((int)b, 0) * 1000).ToList(), SeriesStyle.Lines));
    }

    /// <summary>Throughput against p99 latency, one curve per policy, from a <see cref="GenerationBenchmark.Sweep"/> (each point one arrival rate).</summary>
    public static Chart ThroughputVersusLatency(IEnumerable<LoadPoint> points, string title = "Throughput against p99 latency (simulated, one point per arrival rate)")
    {
        ArgumentNullException.ThrowIfNull(points);
        var series = points.GroupBy(p => p.Policy)
            .Select(g => new ChartSeries(g.Key, g.Select(p => p.LatencyP99Ms).ToList(), g.Select(p => p.TokensPerSecond).ToList()))
            .ToArray();
        return Chart.Of(title, new Axis("p99 request latency (ms)", Logarithmic: true), new Axis("output tokens per second"), series);
    }
}

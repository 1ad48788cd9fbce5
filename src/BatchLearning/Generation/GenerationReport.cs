using System.Globalization;

namespace BatchLearning.Generation;

/// <summary>Sentences and tables for notebook 07, computed from a run's numbers (never fixed text a run could contradict).</summary>
public static class GenerationReport
{
    /// <summary>The trace: count, rate, and the answer lengths that a static batch must wait for.</summary>
    public static string DescribeTrace(IReadOnlyList<GenerationRequest> requests, double ratePerSecond, double staticCapacity, int slots)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var lengths = requests.Select(r => r.MaxNewTokens).Order().ToList();
        return Text($"{requests.Count} requests at {ratePerSecond:N0} a second ({ratePerSecond / staticCapacity:0.##} x static batching's capacity of {staticCapacity:N0}/s); ") +
            Text($"new tokens: median {lengths[lengths.Count / 2]}, p99 {lengths[Math.Min(lengths.Count - 1, (int)(0.99 * lengths.Count))]}, longest {lengths[^1]}, mean {lengths.Average():0.0}: ") +
            Text($"a static batch of {slots} runs as long as its longest answer.");
    }

    /// <summary>"continuous" or "static" when that policy's p99 latency is more than 10 % below the other's, else "same".</summary>
    public static string LowerP99(GenerationMetrics continuous, GenerationMetrics fixedBatch)
    {
        ArgumentNullException.ThrowIfNull(continuous);
        ArgumentNullException.ThrowIfNull(fixedBatch);
        return continuous.LatencyP99Ms < 0.9 * fixedBatch.LatencyP99Ms ? "continuous" : fixedBatch.LatencyP99Ms < 0.9 * continuous.LatencyP99Ms ? "static" : "same";
    }

    /// <summary>The measured comparison of continuous, static and one-at-a-time serving.</summary>
    public static string CompareMeasured(GenerationMetrics alone, GenerationMetrics fixedBatch, GenerationMetrics continuous)
    {
        ArgumentNullException.ThrowIfNull(alone);
        ArgumentNullException.ThrowIfNull(fixedBatch);
        ArgumentNullException.ThrowIfNull(continuous);
        return Text($"Measured on this machine: continuous batching served {continuous.TokensPerSecond:N0} tokens/s against static batching's {fixedBatch.TokensPerSecond:N0} ") +
            Text($"({continuous.TokensPerSecond / fixedBatch.TokensPerSecond:0.0}x) and one at a time's {alone.TokensPerSecond:N0}, with a p99 latency of {continuous.LatencyP99Ms:N1} ms ") +
            Text($"against {fixedBatch.LatencyP99Ms:N1} ms ({(continuous.LatencyP99Ms <= fixedBatch.LatencyP99Ms ? "lower" : "higher")}), and a median time to first token of ") +
            Text($"{continuous.TimeToFirstTokenP50Ms:N1} ms against {fixedBatch.TimeToFirstTokenP50Ms:N1} ms. Static batching threw away {fixedBatch.PaddingWaste:P0} of the token rows it computed ") +
            Text($"(finished sequences kept as padding) and used {fixedBatch.SlotUtilisation:P0} of its slots over the run; continuous batching threw away {continuous.PaddingWaste:P0} and used {continuous.SlotUtilisation:P0}.");
    }

    /// <summary>Measured against simulated throughput and median latency, one row per policy.</summary>
    public static IReadOnlyList<SimulationAgreement> Agreement(IReadOnlyList<GenerationMetrics> measured, IReadOnlyList<GenerationMetrics> simulated)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        return measured.Zip(simulated, (m, s) => new SimulationAgreement(m.Policy, m.TokensPerSecond, s.TokensPerSecond, Math.Round(s.TokensPerSecond / m.TokensPerSecond - 1, 3),
            m.LatencyP50Ms, s.LatencyP50Ms)).ToList();
    }

    /// <summary>The fitted cost and how close the simulation came to the measurement.</summary>
    public static string DescribeAgreement(StepCostModel fit, int measuredSteps, IReadOnlyList<SimulationAgreement> agreement, StepCostModel? firstEstimate = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(agreement);
        var worst = agreement.Max(a => Math.Abs(a.ThroughputDifference));
        var first = firstEstimate is null || !(firstEstimate.PerSequenceSeconds > 0)
            ? ""
            : Text($"(Passes timed alone gave {firstEstimate.FixedSeconds * 1e3:0.000} ms + {firstEstimate.PerSequenceSeconds * 1e3:0.0000} ms per sequence; ") +
              Text($"inside the serving loop one sequence more cost {fit.PerSequenceSeconds / firstEstimate.PerSequenceSeconds:0.00}x as much. From here on the simulator uses this refit.) ");
        return Text($"Refitted from {measuredSteps:N0} passes of the measured runs: decode {fit.FixedSeconds * 1e3:0.000} ms + {fit.PerSequenceSeconds * 1e3:0.0000} ms per sequence; ") +
            Text($"prefill {fit.PrefillFixedSeconds * 1e3:0.000} ms + {fit.PerPromptTokenSeconds * 1e3:0.0000} ms per prompt token. ") + first +
            Text($"The simulation's throughput is within {worst:P0} of the measurement for every policy") +
            (worst <= 0.10
                ? ", within the 10 % the course's tests ask on a burst of requests."
                : ": more than the 10 % the course's tests ask on a burst of requests, so read the simulated curves below as estimates of this machine, not measurements.");
    }

    /// <summary>Continuous over static at one p99 target under this machine's curve and a GPU-like one, and why they differ.</summary>
    public static string CompareCurves(ContinuousVersusStaticResult onCpu, ContinuousVersusStaticResult onGpu, StepCostModel cpu, StepCostModel gpu)
    {
        ArgumentNullException.ThrowIfNull(onCpu);
        ArgumentNullException.ThrowIfNull(onGpu);
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(gpu);
        var (cpuGain, gpuGain) = (cpu.DecodeTokensPerSecond(64) / cpu.DecodeTokensPerSecond(1), gpu.DecodeTokensPerSecond(64) / gpu.DecodeTokensPerSecond(1));
        var why = gpuGain > cpuGain
            ? "on the GPU-like curve an extra sequence in a pass is almost free, so any policy that fills passes gains far more there than on this CPU"
            : "this machine's passes are as flat as the GPU-like ones, so filling passes pays alike on both";
        var padding = onGpu.Gain > onCpu.Gain
            ? "Continuous over static gains more on the GPU-like curve."
            : "Continuous over static gains less on the GPU-like curve: there a padding row costs almost nothing, so static batching's waste costs less time than on this CPU; the published factors also come from more slots, longer answers and memory management (see below).";
        return Text($"At the same p99 target (300 full passes), continuous batching serves {onCpu.Gain:0.0}x static batching's throughput under this machine's curve ") +
            Text($"and {onGpu.Gain:0.0}x under the GPU-like curve ({(onGpu.Gain > onCpu.Gain ? "larger" : "not larger")}). A decode pass of 64 sequences yields {cpuGain:0.0}x the tokens/s of a pass of 1 ") +
            Text($"on this CPU (s0/s1 = {cpu.BreakEvenBatch:0}) and {gpuGain:0.0}x under the GPU-like curve (s0/s1 = {gpu.BreakEvenBatch:0}): {why}. {padding} ") +
            Text($"The scheduler's own work took {onCpu.SchedulerShareOfStep:P1} of step time in the measured continuous run.");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One policy's measured and simulated numbers (<see cref="GenerationReport.Agreement"/>).</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="MeasuredTokensPerSecond">Measured throughput.</param>
/// <param name="SimulatedTokensPerSecond">Simulated throughput.</param>
/// <param name="ThroughputDifference">Simulated over measured, minus 1 (0.05 = 5 % higher).</param>
/// <param name="MeasuredP50Ms">Measured median latency.</param>
/// <param name="SimulatedP50Ms">Simulated median latency.</param>
public sealed record SimulationAgreement(string Policy, double MeasuredTokensPerSecond, double SimulatedTokensPerSecond, double ThroughputDifference, double MeasuredP50Ms, double SimulatedP50Ms);

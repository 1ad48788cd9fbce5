using BatchLearning.Generation;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// Batching text generation (notebook 07): the tiny character model is trained and its step cost calibrated on this machine; a measured
/// continuous-batching run gives the scheduler's share of step time; the simulator, driven by the calibrated cost, gives the throughput of
/// continuous and static batching at the same p99 target (300 full decode passes), with heavy-tailed output lengths.
/// </summary>
internal static class GenerationBench
{
    private const int Slots = 16;
    private const int Seed = (int)Notebook.Course.DefaultSeed;

    public static IReadOnlyList<BenchFigure> ContinuousVersusStatic(bool quick)
    {
        var model = CharacterModel.Train(CharacterModel.Subjects(3000, Seed), new CharacterModelOptions(TrainingSteps: quick ? 60 : 200), Seed);
        var prompts = model.SamplePrompts(200, Seed);
        var cost = GenerationBenchmark.Calibrate(model, prompts, repeats: quick ? 5 : 15).Fit;
        var capacity = GenerationBenchmark.Capacity(cost, GenerationPolicy.Static(Slots), Seed).RequestsPerSecond;
        var requests = GenerationWorkload.Create(prompts, quick ? 150 : 600, 1.2 * capacity, Seed);
        var measured = GenerationScheduler.Run(model, requests, GenerationPolicy.Continuous(Slots, 2048), GenerationClock.Real);
        var target = GenerationBenchmark.TargetOfPasses(cost, Slots);
        var result = GenerationBenchmark.ContinuousVersusStatic(cost, target, Slots, Seed, measured);
        model.Dispose();
        var section = "generation";
        return
        [
            BenchFigure.Once(section, $"static batching ({Slots} slots) at p99 <= {result.P99TargetMs:0} ms, simulated on this machine's fitted step cost", result.StaticTokensPerSecond, "tokens/s"),
            BenchFigure.Once(section, $"continuous batching ({Slots} slots) at the same p99 target", result.ContinuousTokensPerSecond, "tokens/s"),
            BenchFigure.Once(section, "continuous / static throughput at the same p99", result.Gain, "x", "at least 1.5", result.Gain >= 1.5),
            BenchFigure.Once(section, $"scheduler's share of step time (measured run, {requests.Count} requests)", result.SchedulerShareOfStep * 100, "%", "under 5 %", result.SchedulerShareOfStep < 0.05),
        ];
    }
}

using BatchLearning.Generation;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// Batching text generation (notebook 07): the tiny character model is trained and its step cost calibrated on this machine; five measured
/// continuous-batching runs give the scheduler's share of step time (their median); the simulator, driven by the calibrated cost, gives the throughput of
/// continuous and static batching at the same p99 target (300 full decode passes), with heavy-tailed output lengths.
/// </summary>
internal static class GenerationBench
{
    private const int Slots = 16;
    private const int Seed = (int)Notebook.Course.DefaultSeed;
    private const int Repetitions = 5;

    public static IReadOnlyList<BenchFigure> ContinuousVersusStatic(bool quick)
    {
        var model = CharacterModel.Train(CharacterModel.Subjects(3000, Seed), new CharacterModelOptions(TrainingSteps: quick ? 60 : 200), Seed);
        var prompts = model.SamplePrompts(200, Seed);
        var cost = GenerationBenchmark.Calibrate(model, prompts, repeats: quick ? 5 : 15).Fit;
        var capacity = GenerationBenchmark.Capacity(cost, GenerationPolicy.Static(Slots), Seed).RequestsPerSecond;
        var requests = GenerationWorkload.Create(prompts, quick ? 150 : 600, 1.2 * capacity, Seed);

        // The scheduler's share, like the other figures, is the median of 5 measured runs (after one untimed run): its own work is about a
        // microsecond a step, so one stall of the process in a run (another program or the runtime taking the core for a few ms) moves it.
        GenerationScheduler.Run(model, requests, GenerationPolicy.Continuous(Slots, 2048), GenerationClock.Real);
        var shares = Enumerable.Range(0, Repetitions)
            .Select(_ => GenerationScheduler.Run(model, requests, GenerationPolicy.Continuous(Slots, 2048), GenerationClock.Real))
            .Select(run => run.SchedulerShare * 100).ToList();
        var target = GenerationBenchmark.TargetOfPasses(cost, Slots);
        var result = GenerationBenchmark.ContinuousVersusStatic(cost, target, Slots, Seed);
        model.Dispose();
        var section = "generation";
        return
        [
            BenchFigure.Once(section, $"static batching ({Slots} slots) at p99 <= {result.P99TargetMs:0} ms, simulated on this machine's fitted step cost", result.StaticTokensPerSecond, "tokens/s"),
            BenchFigure.Once(section, $"continuous batching ({Slots} slots) at the same p99 target", result.ContinuousTokensPerSecond, "tokens/s"),
            BenchFigure.Once(section, "continuous / static throughput at the same p99", result.Gain, "x", "at least 1.5", result.Gain >= 1.5),
            BenchFigure.Of(section, $"scheduler's share of step time (measured runs of {requests.Count} requests)", shares, "%", "under 5 %", share => share < 5),
        ];
    }
}

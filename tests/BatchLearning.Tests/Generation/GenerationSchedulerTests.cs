using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

public sealed class GenerationSchedulerTests
{
    // Decode pass 1 s, prefill pass 1 s, whatever the batch: schedules can be worked out by hand.
    private static readonly StepCostModel OneSecond = new(1, 0, 1, 0);

    private static IReadOnlyList<GenerationRequest> Trace() =>
    [
        new(0, [1, 2], maxNewTokens: 3, arrivalSeconds: 0),
        new(1, [1], maxNewTokens: 1, arrivalSeconds: 0),
        new(2, [1, 2, 3], maxNewTokens: 2, arrivalSeconds: 0.5),
    ];

    [Fact]
    public void Continuous_batching_follows_the_hand_worked_schedule()
    {
        // t=0: A and B join, prefill (1 s) -> each has its first token at 1; B is done and leaves at 1.
        // t=1: C joins: prefill C + decode A (2 s) -> 3. t=3: decode A, C (1 s) -> 4; both done.
        var run = GenerationScheduler.Run(new SimulatedEngine(), Trace(), GenerationPolicy.Continuous(2, 128), GenerationClock.Modeled(OneSecond));
        Assert.Equal([0.0, 1, 3], run.Steps.Select(s => s.StartSeconds));
        Assert.Equal([1.0, 2, 1], run.Steps.Select(s => s.Seconds));
        Assert.Equal([4.0, 1, 3.5], run.Requests.Select(r => r.LatencySeconds));
        Assert.Equal([1.0, 1, 2.5], run.Requests.Select(r => r.TimeToFirstTokenSeconds));
        Assert.Equal([0, 2], run.Steps[1].SlotRequests); // C takes the slot B left
        var metrics = run.Metrics();
        Assert.Equal(1.5, metrics.TokensPerSecond, 6);
        Assert.Equal(0, metrics.PaddingWaste);
        Assert.Equal(1.5, run.Requests[0].TimePerOutputTokenSeconds, 9); // tokens at 1, 3, 4
    }

    [Fact]
    public void Static_batching_follows_the_hand_worked_schedule()
    {
        // A and B form a batch (2): prefill -> 1, decode (B as padding) -> 2, -> 3; both returned at 3.
        // C waits alone; no more arrivals, so it runs alone: prefill -> 4, decode -> 5.
        var run = GenerationScheduler.Run(new SimulatedEngine(), Trace(), GenerationPolicy.Static(2), GenerationClock.Modeled(OneSecond));
        Assert.Equal([3.0, 3, 4.5], run.Requests.Select(r => r.LatencySeconds));
        Assert.Equal([2, 2, 2, 1, 1], run.Steps.Select(s => Math.Max(s.DecodeSequences, s.PrefillSequences)));
        Assert.Equal(0.25, run.Metrics().PaddingWaste, 9); // 8 rows computed, 6 wanted
        Assert.Equal(-1, run.Steps[1].SlotRequests[1]); // B's slot is padding after its only token
    }

    [Fact]
    public void Padding_waste_of_one_static_batch_is_worked_out_by_hand()
    {
        // Outputs of 3, 1 and 2 tokens in one batch of 3: three passes of 3 rows = 9 rows, 6 wanted, waste 1/3.
        IReadOnlyList<GenerationRequest> trace = [new(0, [1], 3, 0), new(1, [1], 1, 0), new(2, [1], 2, 0)];
        var run = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Static(3), GenerationClock.Modeled(OneSecond));
        Assert.Equal(1.0 / 3, run.Metrics().PaddingWaste, 3);
        Assert.Equal(3, run.Steps.Count);
        Assert.All(run.Requests, r => Assert.Equal(3, r.ReturnedSeconds));
    }

    [Fact]
    public void Dynamic_batching_waits_at_most_the_delay_and_one_at_a_time_runs_in_arrival_order()
    {
        IReadOnlyList<GenerationRequest> trace = [new(0, [1], 1, 0), new(1, [1], 1, 10)];
        var dynamic = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Dynamic(4, TimeSpan.FromSeconds(2)), GenerationClock.Modeled(OneSecond));
        Assert.Equal([3.0, 3], dynamic.Requests.Select(r => r.LatencySeconds)); // 2 s of waiting, 1 s of prefill
        var one = GenerationScheduler.Run(new SimulatedEngine(), Trace(), GenerationPolicy.OneAtATime(), GenerationClock.Modeled(OneSecond));
        Assert.Equal([0.0, 3, 4], one.Requests.Select(r => r.StartSeconds));
    }

    [Fact]
    public void The_token_budget_limits_how_many_prompts_join_one_pass()
    {
        var prompt = new int[60];
        IReadOnlyList<GenerationRequest> trace = [new(0, prompt, 2, 0), new(1, prompt, 2, 0), new(2, prompt, 2, 0)];
        var run = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Continuous(8, 128), GenerationClock.Modeled(OneSecond));
        Assert.Equal(2, run.Steps[0].PrefillSequences); // 60 + 60 fit in 128, a third would not
        Assert.All(run.Steps, s => Assert.True(s.DecodeSequences + s.PromptTokens <= 128));
    }

    [Fact]
    public void The_step_cost_fit_recovers_a_known_cost()
    {
        var truth = new StepCostModel(0.002, 0.0001, 0.003, 0.00002);
        var run = GenerationScheduler.Run(new SimulatedEngine(), GenerationBenchmark.Trace(400, 2000, 1), GenerationPolicy.Continuous(16), GenerationClock.Modeled(truth));
        var fixedSize = GenerationScheduler.Run(new SimulatedEngine(), GenerationBenchmark.Trace(400, 2000, 1), GenerationPolicy.Static(16), GenerationClock.Modeled(truth));
        var fit = StepCostModel.Fit(run.Steps.Concat(fixedSize.Steps));
        Assert.Equal(truth.FixedSeconds, fit.FixedSeconds, 6);
        Assert.Equal(truth.PerSequenceSeconds, fit.PerSequenceSeconds, 7);
        Assert.Equal(truth.PrefillFixedSeconds, fit.PrefillFixedSeconds, 6);
        Assert.Equal(truth.PerPromptTokenSeconds, fit.PerPromptTokenSeconds, 7);
    }

    [Fact]
    public void Continuous_batching_serves_more_than_static_at_the_same_p99_target()
    {
        var cost = new StepCostModel(0.02, 0.0002, 0.02, 0.00005);
        var result = GenerationBenchmark.ContinuousVersusStatic(cost, p99TargetMs: 20_000, slots: 16, seed: 1);
        Assert.True(result.Gain > 1.5, result.ToString());
        Assert.True(result.ContinuousP99Ms <= 20_000 && result.StaticP99Ms <= 20_000, result.ToString());
    }

    [Fact]
    public void Workloads_are_seeded_and_heavy_tailed()
    {
        var prompts = GenerationWorkload.PlaceholderPrompts(3);
        var a = GenerationWorkload.Create(prompts, 5000, 100, seed: 4);
        Assert.Equal(a.Select(r => (r.ArrivalSeconds, r.MaxNewTokens)), GenerationWorkload.Create(prompts, 5000, 100, seed: 4).Select(r => (r.ArrivalSeconds, r.MaxNewTokens)));
        Assert.InRange(a[^1].ArrivalSeconds, 47.0, 53.0); // 5,000 arrivals at 100 a second
        var lengths = a.Select(r => r.MaxNewTokens).Order().ToList();
        Assert.True(lengths[^50] > 5 * lengths[2500], "The top 1 % of answers should be far longer than the median.");
    }
}

using System.Diagnostics;

namespace BatchLearning.Generation;

/// <summary>Measurements and simulations built on <see cref="GenerationScheduler"/>: step-cost calibration, capacity, load sweeps, throughput at a latency target.</summary>
public static class GenerationBenchmark
{
    /// <summary>
    /// Times <paramref name="engine"/>'s decode and prefill passes at each batch size (median of <paramref name="repeats"/>, after one warm-up)
    /// and fits a <see cref="StepCostModel"/> to them (least squares, decode and prefill separately).
    /// </summary>
    /// <param name="engine">The engine to time.</param>
    /// <param name="prompts">Prompts to prefill, at least one (cycled).</param>
    /// <param name="batchSizes">Batch sizes, each from 1 to 4,096; defaults to 1, 2, 4, 8, 16, 32, 64.</param>
    /// <param name="repeats">Timed passes per size, from 1 to 1,000; defaults to 15.</param>
    public static StepCostCalibration Calibrate(IGenerationEngine engine, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? batchSizes = null, int repeats = 15)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("There are no prompts to prefill; give at least one.", nameof(prompts));
        }

        if (repeats < 1 || repeats > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, GenerationRequest.Text($"repeats must be from 1 to 1,000; got {repeats}."));
        }

        batchSizes ??= [1, 2, 4, 8, 16, 32, 64];
        var points = new List<StepCostPoint>();
        foreach (var size in batchSizes)
        {
            if (size < 1 || size > 4096)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSizes), size, GenerationRequest.Text($"Each batch size must be from 1 to 4,096; got {size}."));
            }

            points.Add(TimeSteps(engine, prompts, size, repeats));
        }

        var (s0, s1) = Line(points.Select(p => ((double)p.BatchSize, p.DecodeMs / 1000)).ToList());
        var (q0, q1) = Line(points.Select(p => ((double)p.PaddedPromptTokens, p.PrefillMs / 1000)).ToList());
        return new StepCostCalibration(points, new StepCostModel(s0, s1, q0, q1));
    }

    // The median decode and prefill times of `size` requests over `repeats` passes, after one warm-up pass.
    private static StepCostPoint TimeSteps(IGenerationEngine engine, IReadOnlyList<IReadOnlyList<int>> prompts, int size, int repeats)
    {
        var requests = Enumerable.Range(0, size).Select(i => new GenerationRequest(1_000_000 + i, prompts[i % prompts.Count], 1, 0)).ToList();
        var ids = requests.Select(r => r.Id).ToList();
        var (prefill, decode) = (new List<double>(), new List<double>());
        for (var rep = 0; rep <= repeats; rep++)
        {
            var watch = Stopwatch.StartNew();
            engine.Prefill(requests);
            var prefillMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            engine.Decode(ids);
            var decodeMs = watch.Elapsed.TotalMilliseconds;
            if (rep > 0)
            {
                (prefill, decode) = ([.. prefill, prefillMs], [.. decode, decodeMs]);
            }
        }

        ids.ForEach(engine.Release);
        var decodeMedian = Median(decode);
        return new StepCostPoint(size, Math.Round(decodeMedian, 4), Math.Round(Median(prefill), 4), size * requests.Max(r => r.Prompt.Count), Math.Round(size / decodeMedian * 1000));
    }

    /// <summary>
    /// The most a policy can serve under a cost model: a trace of <paramref name="requests"/> requests all arriving at once, simulated;
    /// returns the tokens per second and requests per second achieved.
    /// </summary>
    public static (double TokensPerSecond, double RequestsPerSecond) Capacity(StepCostModel cost, GenerationPolicy policy, int seed, int requests = 1000, int contextLength = 128)
    {
        var trace = Trace(requests, 1e9, seed);
        var run = GenerationScheduler.Run(new SimulatedEngine(contextLength), trace, policy, GenerationClock.Modeled(cost));
        return (trace.Sum(r => r.MaxNewTokens) / run.DurationSeconds, requests / run.DurationSeconds);
    }

    /// <summary>Simulates each policy at each arrival rate on the same seeded trace shape and returns one row per (policy, rate).</summary>
    public static IReadOnlyList<LoadPoint> Sweep(StepCostModel cost, IReadOnlyList<GenerationPolicy> policies, IReadOnlyList<double> ratesPerSecond, int seed, int requests = 2000, int contextLength = 128)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(ratesPerSecond);
        return policies.SelectMany(policy => ratesPerSecond.Select(rate =>
        {
            var metrics = GenerationScheduler.Run(new SimulatedEngine(contextLength), Trace(requests, rate, seed), policy, GenerationClock.Modeled(cost)).Metrics();
            return new LoadPoint(policy.Name, rate, metrics.TokensPerSecond, metrics.LatencyP50Ms, metrics.LatencyP99Ms, metrics.TimeToFirstTokenP99Ms);
        })).ToList();
    }

    /// <summary>
    /// The highest throughput a policy reaches while its p99 latency stays at or below <paramref name="p99TargetMs"/>: 24 arrival rates, spaced evenly on a log scale
    /// from 1/64 to 1.5 times the policy's capacity, are simulated under <paramref name="cost"/> and the best one within the target is returned
    /// (NaN throughput when none meets it). Latency need not fall with load: a static batch waits to fill, so a trickle of requests waits longest.
    /// </summary>
    public static LoadPoint AtLatencyTarget(StepCostModel cost, GenerationPolicy policy, double p99TargetMs, int seed, int requests = 1000, int contextLength = 128)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!double.IsFinite(p99TargetMs) || p99TargetMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(p99TargetMs), p99TargetMs, GenerationRequest.Text($"p99TargetMs must be a finite number of milliseconds above 0; got {p99TargetMs}."));
        }

        var capacity = Capacity(cost, policy, seed, requests, contextLength).RequestsPerSecond;
        var rates = Enumerable.Range(0, 24).Select(i => capacity / 64 * Math.Pow(96, i / 23.0)).ToList();
        var points = Sweep(cost, [policy], rates, seed, requests, contextLength);
        var within = points.Where(p => p.LatencyP99Ms <= p99TargetMs).ToList();
        return within.Count > 0 ? within.MaxBy(p => p.TokensPerSecond)! : points.MinBy(p => p.LatencyP99Ms)! with { TokensPerSecond = double.NaN };
    }

    /// <summary>
    /// For the benchmark table: the throughput of static and of continuous batching with <paramref name="slots"/> sequences each, at the same p99 latency target,
    /// simulated under <paramref name="cost"/> (fit it from this machine's steps with <see cref="Calibrate"/> or <see cref="StepCostModel.Fit"/>),
    /// and the scheduler's measured share of step time in <paramref name="measured"/> (NaN without one).
    /// </summary>
    public static ContinuousVersusStaticResult ContinuousVersusStatic(StepCostModel cost, double p99TargetMs, int slots = 16, int seed = 2026, GenerationRun? measured = null)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var fixedSize = AtLatencyTarget(cost, GenerationPolicy.Static(slots), p99TargetMs, seed);
        var continuous = AtLatencyTarget(cost, GenerationPolicy.Continuous(slots), p99TargetMs, seed);
        var share = measured?.SchedulerShare ?? double.NaN;
        return new ContinuousVersusStaticResult(cost.Label, Math.Round(p99TargetMs, 1), slots, fixedSize.TokensPerSecond, fixedSize.LatencyP99Ms, continuous.TokensPerSecond, continuous.LatencyP99Ms,
            Math.Round(continuous.TokensPerSecond / fixedSize.TokensPerSecond, 2), Math.Round(share, 4));
    }

    /// <summary>Each policy on the same trace in the simulator (a model-free engine, a virtual clock advanced by <paramref name="cost"/>).</summary>
    public static IReadOnlyList<GenerationMetrics> Simulate(StepCostModel cost, IReadOnlyList<GenerationRequest> requests, IReadOnlyList<GenerationPolicy> policies, int contextLength = 128)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return policies.Select(p => GenerationScheduler.Run(new SimulatedEngine(contextLength), requests, p, GenerationClock.Modeled(cost)).Metrics()).ToList();
    }

    /// <summary>
    /// Continuous batching of <paramref name="slots"/> on <paramref name="requests"/> in the simulator, first without a cache limit, then with a cache of
    /// each of <paramref name="sharesOfPeak"/> times the most that run held (never below <paramref name="contextLength"/>, so that one sequence fits):
    /// how often sequences were preempted, how much was recomputed, and what it cost in throughput and p99 latency.
    /// </summary>
    /// <param name="cost">The step-cost curve (a recompute reads its tokens as a prefill does).</param>
    /// <param name="requests">The trace.</param>
    /// <param name="slots">Running sequences at most, from 1 to 4,096.</param>
    /// <param name="sharesOfPeak">Budgets as shares of the unlimited run's peak, each above 0 and at most 1.</param>
    /// <param name="contextLength">The simulated model's context.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share outside (0, 1].</exception>
    public static IReadOnlyList<CacheBudgetPoint> CacheBudgets(StepCostModel cost, IReadOnlyList<GenerationRequest> requests, int slots, IReadOnlyList<double> sharesOfPeak, int contextLength = 128)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(sharesOfPeak);
        foreach (var share in sharesOfPeak)
        {
            Guard.Above(share, 0, 1, nameof(sharesOfPeak));
        }

        GenerationRun Serve(int? cache) =>
            GenerationScheduler.Run(new SimulatedEngine(contextLength), requests, GenerationPolicy.Continuous(slots, 2048, cache), GenerationClock.Modeled(cost));
        var unlimited = Serve(null);
        var peak = unlimited.PeakCachedTokens;
        CacheBudgetPoint Point(GenerationRun run, int? cache)
        {
            var metrics = run.Metrics();
            return new CacheBudgetPoint(Math.Round((double)(cache ?? peak) / peak, 3), cache ?? peak, cache is not null, run.Preemptions, run.RecomputedTokens,
                Math.Round((double)run.RecomputedTokens / run.TokensRead, 4), metrics.TokensPerSecond, metrics.LatencyP99Ms);
        }

        return [Point(unlimited, null), .. sharesOfPeak.Select(share => unlimited.CacheBudget(share, contextLength)).Select(cache => Point(Serve(cache), cache))];
    }

    /// <summary>
    /// Continuous batching of <paramref name="slots"/> on <paramref name="requests"/> in the simulator, first reading each prompt in one pass
    /// (a budget of 2,048 tokens, room for any prompt), then in chunks within each of <paramref name="tokenBudgets"/>: time between tokens against throughput.
    /// </summary>
    /// <param name="cost">The step-cost curve.</param>
    /// <param name="requests">The trace (with some long prompts, see <see cref="GenerationWorkload.WithLongPrompts"/>).</param>
    /// <param name="slots">Running sequences at most, from 1 to 4,096.</param>
    /// <param name="tokenBudgets">Tokens per pass for chunked prefill, each from 1 to 1,000,000.</param>
    /// <param name="contextLength">The simulated model's context.</param>
    public static IReadOnlyList<PrefillBudgetPoint> PrefillBudgets(StepCostModel cost, IReadOnlyList<GenerationRequest> requests, int slots, IReadOnlyList<int> tokenBudgets, int contextLength = 128)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(tokenBudgets);
        var longest = requests.Max(r => r.Prompt.Count);
        PrefillBudgetPoint Point(int budget, bool chunked)
        {
            var run = GenerationScheduler.Run(new SimulatedEngine(contextLength), requests, GenerationPolicy.Continuous(slots, budget, chunkedPrefill: chunked), GenerationClock.Modeled(cost));
            var longWaits = run.Requests.Where(r => r.PromptTokens == longest).Select(r => r.TimeToFirstTokenSeconds * 1000).Order().ToList();
            return new PrefillBudgetPoint(budget, chunked, run.TimeBetweenTokensMs(0.5), run.TimeBetweenTokensMs(0.99), Math.Round(longWaits[longWaits.Count / 2], 3), run.Metrics().TokensPerSecond);
        }

        return [Point(2048, false), .. tokenBudgets.Select(b => Point(b, true))];
    }

    /// <summary>The p99 target used to compare cost curves: <paramref name="passes"/> full decode passes of <paramref name="slots"/> sequences, in milliseconds.</summary>
    public static double TargetOfPasses(StepCostModel cost, int slots, int passes = 300)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return passes * cost.Seconds(slots, 0) * 1000;
    }

    /// <summary>
    /// A seeded trace whose prompts are like <see cref="CharacterModel.SamplePrompts"/>' (2 to 7 tokens) with the default heavy-tailed output lengths
    /// (4 to 100 tokens, tail index 1.2), for the simulator.
    /// </summary>
    public static IReadOnlyList<GenerationRequest> Trace(int requests, double ratePerSecond, int seed) =>
        GenerationWorkload.Create(GenerationWorkload.PlaceholderPrompts(2, 3, 4, 5, 6, 7), requests, ratePerSecond, seed);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static (double Intercept, double Slope) Line(List<(double X, double Y)> points)
    {
        if (points.Count == 1 || points.All(p => p.X == points[0].X))
        {
            return (0, points.Average(p => p.Y / p.X));
        }

        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        slope = Math.Max(slope, 0);
        var intercept = Math.Max(my - slope * mx, 0);
        return (intercept, slope);
    }
}

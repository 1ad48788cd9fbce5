using System.Globalization;
using BatchLearning.Findings;
using BatchLearning.Timing;

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

    /// <summary>The measured comparison of continuous, static and one-at-a-time serving; its verdict says whether continuous batching's p99 was "lower" or "higher".</summary>
    public static Finding CompareMeasured(GenerationMetrics alone, GenerationMetrics fixedBatch, GenerationMetrics continuous)
    {
        ArgumentNullException.ThrowIfNull(alone);
        ArgumentNullException.ThrowIfNull(fixedBatch);
        ArgumentNullException.ThrowIfNull(continuous);
        var speedUp = continuous.TokensPerSecond / fixedBatch.TokensPerSecond;
        var p99 = continuous.LatencyP99Ms < fixedBatch.LatencyP99Ms ? "lower" : continuous.LatencyP99Ms > fixedBatch.LatencyP99Ms ? "higher" : "the same";
        var text = Text($"Measured on this machine: continuous batching served {continuous.TokensPerSecond:N0} tokens/s against static batching's {fixedBatch.TokensPerSecond:N0} ") +
            Text($"({speedUp:0.0}x) and one at a time's {alone.TokensPerSecond:N0}, with a p99 latency of {continuous.LatencyP99Ms:N1} ms ") +
            Text($"against {fixedBatch.LatencyP99Ms:N1} ms ({p99}), and a median time to first token of ") +
            Text($"{continuous.TimeToFirstTokenP50Ms:N1} ms against {fixedBatch.TimeToFirstTokenP50Ms:N1} ms. Static batching threw away {fixedBatch.PaddingWaste:P0} of the token rows it computed ") +
            Text($"(finished sequences kept as padding) and used {fixedBatch.SlotUtilisation:P0} of its slots over the run; continuous batching threw away {continuous.PaddingWaste:P0} and used {continuous.SlotUtilisation:P0}.");
        return Finding.Of("continuous against static batching, measured", text,
            ("continuousTokensPerSecond", continuous.TokensPerSecond), ("staticTokensPerSecond", fixedBatch.TokensPerSecond), ("aloneTokensPerSecond", alone.TokensPerSecond),
            ("speedUp", speedUp), ("continuousP99Ms", continuous.LatencyP99Ms), ("staticP99Ms", fixedBatch.LatencyP99Ms),
            ("continuousTtftP50Ms", continuous.TimeToFirstTokenP50Ms), ("staticTtftP50Ms", fixedBatch.TimeToFirstTokenP50Ms),
            ("staticPaddingWaste", fixedBatch.PaddingWaste), ("continuousPaddingWaste", continuous.PaddingWaste),
            ("staticSlotUtilisation", fixedBatch.SlotUtilisation), ("continuousSlotUtilisation", continuous.SlotUtilisation)) with { Verdict = p99 };
    }

    /// <summary>
    /// Why the p99 came out as it did, for the check of the learner's prediction (which policy has the lower p99): the measured p99s, then the
    /// mechanism, worded for the policy that was lower by more than 10 % (<see cref="LowerP99"/>) or for neither.
    /// </summary>
    public static string ExplainP99(GenerationMetrics continuous, GenerationMetrics fixedBatch)
    {
        var lower = LowerP99(continuous, fixedBatch);
        var measured = Text($"p99 was {continuous.LatencyP99Ms:N1} ms under continuous and {fixedBatch.LatencyP99Ms:N1} ms under static batching");
        return lower switch
        {
            "continuous" => measured + ". A static batch makes every request wait for the batch to fill, then for its longest member; " +
                "continuous batching starts a request at the next pass and returns it at its own last token.",
            "static" => measured + ": static batching was lower on this run. Continuous batching's advantage (a request starts at the next pass and leaves at its " +
                "own last token) needs requests arriving while others run; with few arrivals, or passes that cost much more with more sequences, it can shrink or reverse.",
            _ => measured + ": within 10 % of each other, too close to call on this run. Continuous batching's advantage needs requests of different lengths " +
                "arriving while others run; with this run's arrivals it did not show.",
        };
    }

    /// <summary>
    /// What to do, from this run's numbers: continuous batching recommended for serving only when it beat static batching on both throughput and p99,
    /// padding named only when static batching wasted more, time to first token, and the gain on this machine's curve against the illustrative GPU one.
    /// </summary>
    public static Finding Advice(GenerationMetrics continuous, GenerationMetrics fixedBatch, ContinuousVersusStaticResult onCpu, ContinuousVersusStaticResult onGpu)
    {
        ArgumentNullException.ThrowIfNull(continuous);
        ArgumentNullException.ThrowIfNull(fixedBatch);
        ArgumentNullException.ThrowIfNull(onCpu);
        ArgumentNullException.ThrowIfNull(onGpu);
        var speedUp = continuous.TokensPerSecond / fixedBatch.TokensPerSecond;
        var beat = speedUp > 1 && continuous.LatencyP99Ms <= fixedBatch.LatencyP99Ms;
        var serving = beat
            ? "• Serving a model yourself: pick a server with continuous batching (vLLM, or any with iteration-level scheduling). " +
              Text($"Here it served {RatioWording.Times(speedUp)}x static batching's tokens a second with a p99 latency of {continuous.LatencyP99Ms:N0} ms against {fixedBatch.LatencyP99Ms:N0} ms.")
            : Text($"• Serving a model yourself: continuous batching did not beat static batching on both throughput ({RatioWording.Faster(speedUp)}) and p99 latency ") +
              Text($"({continuous.LatencyP99Ms:N0} against {fixedBatch.LatencyP99Ms:N0} ms) on this run; measure on your own traffic.");
        var padding = fixedBatch.PaddingWaste > continuous.PaddingWaste
            ? Text($"• Do not batch generation request by request: static batching threw away {fixedBatch.PaddingWaste:P0} of the token rows it computed ") +
              Text($"(finished answers kept as padding while the longest one ran), continuous batching {continuous.PaddingWaste:P0}.")
            : Text($"• Padding cost little on this run (static batching threw away {fixedBatch.PaddingWaste:P0} of its token rows); with answers of very different lengths it grows.");
        var text = string.Join("\n",
            "• Calling a provider's API: it batches generation for you; what you choose is real time or its batch API (notebook 05).",
            serving,
            padding,
            Text($"• Watch time to first token as well as tokens a second: its median was {continuous.TimeToFirstTokenP50Ms:N1} ms under continuous batching ") +
                Text($"and {fixedBatch.TimeToFirstTokenP50Ms:N1} ms under static batching here."),
            Text($"• Expect the gain to depend on the hardware: at the same p99 target continuous batching gave {onCpu.Gain:0.0}x static batching's throughput ") +
                Text($"on this machine's cost curve and {onGpu.Gain:0.0}x on the illustrative GPU curve (both simulated); ") +
                "measure a pass's fixed and per-sequence cost on your own server before sizing its slots.");
        return Finding.Of("what to do with generation", text,
            ("speedUp", speedUp), ("continuousP99Ms", continuous.LatencyP99Ms), ("staticP99Ms", fixedBatch.LatencyP99Ms),
            ("staticPaddingWaste", fixedBatch.PaddingWaste), ("continuousPaddingWaste", continuous.PaddingWaste),
            ("continuousTtftP50Ms", continuous.TimeToFirstTokenP50Ms), ("staticTtftP50Ms", fixedBatch.TimeToFirstTokenP50Ms),
            ("gainOnThisMachine", onCpu.Gain), ("gainOnIllustrativeGpu", onGpu.Gain)) with { Verdict = beat ? "continuous recommended" : "measure your own traffic" };
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
            Text($"The simulation's throughput is within {Percent.UpTo(worst, 1):0.0} % of the measurement for every policy") +
            (worst <= 0.10
                ? ", within the 10 % the course's tests ask on a burst of requests"
                : ": more than the 10 % the course's tests ask on a burst of requests, so read the simulated curves below as estimates of this machine, not measurements") +
            DescribeLatencyAgreement(agreement);
    }


    // The median latencies, held to the 20 % the course's tests ask: a simulator can get the throughput right and the queueing wrong.
    private static string DescribeLatencyAgreement(IReadOnlyList<SimulationAgreement> agreement)
    {
        var latency = agreement.Where(a => a.MeasuredP50Ms > 0).Select(a => (a.Policy, Difference: a.SimulatedP50Ms / a.MeasuredP50Ms - 1)).ToList();
        if (latency.Count == 0)
        {
            return ".";
        }

        var worst = latency.MaxBy(a => Math.Abs(a.Difference));
        return Math.Abs(worst.Difference) <= 0.20
            ? Text($"; its median latencies are within {Percent.UpTo(Math.Abs(worst.Difference), 1):0.0} % of the measured ones (the tests ask 20 %).")
            : Text($"; its median latencies are not as close: {worst.Policy}'s differs by {worst.Difference:+0.0 %;-0.0 %} from the measured one, beyond the 20 % the tests ask, ") +
              "so trust the simulated throughputs below more than their latencies.";
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

    /// <summary>
    /// Whether batch-mates changed any generated token: each run's tokens, request by request, against <paramref name="alone"/> (batch of one).
    /// </summary>
    /// <param name="alone">The one-at-a-time run, the reference.</param>
    /// <param name="batched">The runs whose requests shared passes.</param>
    public static Finding DescribeBatchInvariance(GenerationRun alone, IReadOnlyList<GenerationRun> batched)
    {
        ArgumentNullException.ThrowIfNull(alone);
        ArgumentNullException.ThrowIfNull(batched);
        var reference = alone.Requests.ToDictionary(r => r.Id, r => r.Tokens);
        var changes = batched.Select(run => (run.Policy.Name, Requests: run.Requests.Count(r => !r.Tokens.SequenceEqual(reference[r.Id])),
            Tokens: run.Requests.Sum(r => r.Tokens.Zip(reference[r.Id]).Count(pair => pair.First != pair.Second)))).ToList();
        var total = changes.Sum(c => c.Requests);
        var counted = Text($"Counted over this run's {alone.Requests.Count:N0} requests and {alone.Requests.Sum(r => r.Tokens.Count):N0} tokens per policy: ");
        var finding = total == 0
            ? Text($"batch-mates changed no generated token. Every request got, token for token, what it got alone, under {string.Join(", ", changes.Select(c => c.Name))}. ")
            : Text($"batch-mates changed the tokens of {string.Join("; ", changes.Select(c => Text($"{c.Requests} requests ({c.Tokens} tokens) under {c.Name}")))}. ");
        var text = counted + finding + (total == 0 ? "(It could have: " : "(Why: ") +
            "a pass over many sequences adds the same numbers in another order than a pass over one, as libtorch picks its matrix routine by shape, so scores can differ in their last bits; " +
            "greedy decoding then picks another token only where the two best scores nearly tie, and every later token follows from that one.)";
        return Finding.Of("batch-mates and generated tokens", text,
            ("requests", alone.Requests.Count), ("tokens", alone.Requests.Sum(r => r.Tokens.Count)), ("changedRequests", total),
            ("changedTokens", changes.Sum(c => c.Tokens))) with { Verdict = total == 0 ? "unchanged" : "changed" };
    }

    /// <summary>The memory one running sequence holds: this model's fixed state against a transformer's cache, which grows with every token.</summary>
    /// <param name="model">The course's character model.</param>
    /// <param name="transformer">A transformer's cache shape, for example <see cref="TransformerKvCache.Llama31_8B"/>.</param>
    public static string DescribeMemory(CharacterModel model, TransformerKvCache transformer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(transformer);
        var hidden = model.Options.HiddenSize;
        var perToken = transformer.BytesPerToken;
        var tenGiB = 10L * 1024 * 1024 * 1024 / perToken;
        return Text($"This model keeps {hidden} numbers per running sequence (its GRU's hidden state), {hidden * sizeof(float):N0} bytes, the same at its first token and at its {model.ContextLength}th. ") +
            Text($"A transformer keeps keys and values for every token it has read: {transformer.Model} holds 2 x {transformer.Layers} layers x {transformer.KeyValueHeads} key/value heads x ") +
            Text($"{transformer.HeadDimension} numbers x {transformer.BytesPerValue} bytes = {perToken / 1024.0:N0} KiB per token, so one sequence of 8,192 tokens holds {8192.0 * perToken / (1 << 30):0.##} GiB, ") +
            Text($"and each 10 GiB of GPU memory given to the cache holds {tenGiB:N0} tokens: {tenGiB / 8192} sequences of 8,192 tokens or {tenGiB / 1024} of 1,024. ") +
            "How many sequences can run at once is therefore decided by memory, and the scheduler below counts each sequence's cache as a transformer's: one entry per token read.";
    }

    /// <summary>What a cache budget did on the real model: preemptions, tokens recomputed, the measured time of the recompute passes, and whether answers changed.</summary>
    /// <param name="limited">The run with the budget.</param>
    /// <param name="unlimited">The same trace and policy without it.</param>
    /// <param name="cacheTokens">The budget in tokens.</param>
    public static Finding DescribePreemption(GenerationRun limited, GenerationRun unlimited, int cacheTokens)
    {
        ArgumentNullException.ThrowIfNull(limited);
        ArgumentNullException.ThrowIfNull(unlimited);
        var peak = Text($"Without a limit the running sequences held up to {unlimited.PeakCachedTokens:N0} cache entries at once (one per token read, counted as a transformer's cache would be). ");
        var reference = unlimited.Requests.ToDictionary(r => r.Id, r => r.Tokens);
        var same = limited.Requests.Count(r => r.Tokens.SequenceEqual(reference[r.Id]));
        (string, double)[] numbers =
        [
            ("peakCachedTokensUnlimited", unlimited.PeakCachedTokens), ("peakCachedTokensLimited", limited.PeakCachedTokens), ("cacheTokens", cacheTokens),
            ("preemptions", limited.Preemptions), ("recomputedTokens", limited.RecomputedTokens),
            ("recomputedShare", limited.TokensRead > 0 ? (double)limited.RecomputedTokens / limited.TokensRead : 0),
            ("recomputeSeconds", limited.RecomputeSeconds), ("sameRequests", same), ("requests", limited.Requests.Count),
            ("limitedSeconds", limited.DurationSeconds), ("unlimitedSeconds", unlimited.DurationSeconds),
        ];
        if (limited.Preemptions == 0)
        {
            return Finding.Of(PreemptionTopic, peak + Text($"A cache of {cacheTokens:N0} tokens was never exceeded on this run (the most held was {limited.PeakCachedTokens:N0}): no sequence was preempted. Lower cacheShare to see one."),
                numbers) with { Verdict = "none preempted" };
        }

        var text = peak + Text($"With a cache of {cacheTokens:N0} tokens the scheduler preempted a sequence {limited.Preemptions:N0} times (the most recently admitted one, as vLLM does), ") +
            Text($"and to resume them the model read {limited.RecomputedTokens:N0} tokens again, {(double)limited.RecomputedTokens / limited.TokensRead:P1} of all the tokens it read. ") +
            Text($"Those recompute passes took {limited.RecomputeSeconds * 1000:N1} ms measured, {limited.RecomputeSeconds / limited.DurationSeconds:P1} of the run's {limited.DurationSeconds:0.00} s. ") +
            Text($"{same} of {limited.Requests.Count} requests got the same tokens as without the limit") +
            (same == limited.Requests.Count
                ? ": reading a sequence's prompt and tokens again rebuilds its state, so greedy decoding continues where it stopped; the price was the recompute work, not answers."
                : ": reading a sequence's prompt and tokens again rebuilds its state up to the last bits of float arithmetic, and where two scores nearly tie that can change a greedy token.") +
            (limited.DurationSeconds > unlimited.DurationSeconds
                ? Text($" The whole run took {limited.DurationSeconds:0.00} s against {unlimited.DurationSeconds:0.00} s without the limit.")
                : Text($" The whole run took {limited.DurationSeconds:0.00} s against {unlimited.DurationSeconds:0.00} s without the limit: on this run the recompute did not lengthen it (the arrivals, not the passes, set its pace)."));
        return Finding.Of(PreemptionTopic, text, numbers) with { Verdict = "preempted" };
    }

    private const string PreemptionTopic = "a cache budget on the real model";

    /// <summary>The simulated cache sweep in a sentence: throughput and p99 without a limit against the smallest cache.</summary>
    /// <param name="points">From <see cref="GenerationBenchmark.CacheBudgets"/>, the run without a limit first.</param>
    public static Finding DescribeCacheBudgets(IReadOnlyList<CacheBudgetPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var (free, tight) = (points[0], points.Where(p => p.Limited).MinBy(p => p.CacheTokens) ?? points[0]);
        var text = Text($"In the simulator on this machine's fitted curve, without a limit continuous batching served {free.TokensPerSecond:N0} tokens/s at a p99 of {free.LatencyP99Ms:N0} ms; ") +
            Text($"with a cache of {tight.CacheTokens:N0} tokens it preempted {tight.Preemptions:N0} times, recomputed {tight.RecomputedShare:P1} of the tokens it read, ") +
            Text($"and served {tight.TokensPerSecond:N0} tokens/s ({tight.TokensPerSecond / free.TokensPerSecond:P1} of it) at a p99 of {tight.LatencyP99Ms:N0} ms. ") +
            (tight.TokensPerSecond < free.TokensPerSecond
                ? "Each preemption throws away work the machine must do again: a cache too small for the running sequences costs throughput, which is why vLLM's advice on frequent preemptions is more memory for the cache or fewer running sequences."
                : "The recomputed work did not cost throughput on this trace: the machine had time to spare for it.");
        return Finding.Of("cache budgets, simulated", text,
            ("unlimitedTokensPerSecond", free.TokensPerSecond), ("unlimitedP99Ms", free.LatencyP99Ms), ("smallestCacheTokens", tight.CacheTokens),
            ("preemptions", tight.Preemptions), ("recomputedShare", tight.RecomputedShare), ("limitedTokensPerSecond", tight.TokensPerSecond),
            ("limitedP99Ms", tight.LatencyP99Ms)) with { Verdict = tight.TokensPerSecond < free.TokensPerSecond ? "cost throughput" : "no throughput lost" };
    }

    /// <summary>Chunked prefill in a sentence: the stall a long prompt causes against what chunking costs, budget by budget.</summary>
    /// <param name="points">From <see cref="GenerationBenchmark.PrefillBudgets"/>, the one-pass run first.</param>
    public static Finding DescribeChunking(IReadOnlyList<PrefillBudgetPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var whole = points[0];
        var chunkedPoints = points.Where(p => p.Chunked).OrderByDescending(p => p.TokenBudget).ToList();
        var smallest = chunkedPoints.Count > 0 ? chunkedPoints[^1] : whole;
        var stall = whole.TimeBetweenTokensP99Ms > 2 * whole.TimeBetweenTokensP50Ms ? ": the passes that read a long prompt made every running sequence wait. " : ". ";
        var budgets = string.Join("; ", chunkedPoints.Select(p => Text($"within {p.TokenBudget} tokens a pass, p99 {p.TimeBetweenTokensP99Ms:N2} ms, {p.TokensPerSecond:N0} tokens/s, long prompts' first token after {p.LongPromptTtftP50Ms:N1} ms")));
        var trade = smallest.LongPromptTtftP50Ms > whole.LongPromptTtftP50Ms
            ? "The smallest budget kept the others' tokens flowing and made the long prompts themselves wait longer: the trade vLLM's docs describe for max_num_batched_tokens."
            : "Even the smallest budget did not make the long prompts wait longer here: read whole, a long prompt also padded every short prompt read in its pass to its length, and that waste cost more than the extra passes.";
        var lower = smallest.TimeBetweenTokensP99Ms < whole.TimeBetweenTokensP99Ms;
        var text = Text($"Reading each long prompt in one pass, the p99 time between tokens was {whole.TimeBetweenTokensP99Ms:N2} ms against a median of {whole.TimeBetweenTokensP50Ms:N2} ms") + stall +
            Text($"In chunks ({budgets}) against {whole.TokensPerSecond:N0} tokens/s and {whole.LongPromptTtftP50Ms:N1} ms in one pass. ") +
            Text($"At {smallest.TokenBudget} tokens a pass the p99 was {(lower ? "lower" : "not lower")} than in one pass. ") + trade;
        return Finding.Of("chunked prefill, simulated", text,
            ("onePassP99Ms", whole.TimeBetweenTokensP99Ms), ("onePassP50Ms", whole.TimeBetweenTokensP50Ms), ("onePassTokensPerSecond", whole.TokensPerSecond),
            ("smallestBudgetTokens", smallest.TokenBudget), ("smallestBudgetP99Ms", smallest.TimeBetweenTokensP99Ms),
            ("onePassLongPromptTtftP50Ms", whole.LongPromptTtftP50Ms), ("smallestBudgetLongPromptTtftP50Ms", smallest.LongPromptTtftP50Ms))
            with { Verdict = lower ? "lower" : "not lower" };
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

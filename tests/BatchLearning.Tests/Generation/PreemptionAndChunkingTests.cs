using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

public sealed class PreemptionAndChunkingTests
{
    private static readonly StepCostModel Cost = new(0.001, 0.0001, 0.0005, 0.0002);

    // A burst of 200 requests (prompts of 2 to 7 tokens, answers of 4 to 100): 16 running sequences want far more than 128 tokens of cache.
    private static IReadOnlyList<GenerationRequest> Burst() => GenerationBenchmark.Trace(200, 1e6, seed: 3);

    [Fact]
    public void A_tight_cache_preempts_recomputes_and_never_holds_more_than_its_budget_yet_every_request_gets_the_same_tokens()
    {
        var free = GenerationScheduler.Run(new SimulatedEngine(), Burst(), GenerationPolicy.Continuous(16), GenerationClock.Modeled(Cost));
        var engine = new CountingEngine(new SimulatedEngine());
        var tight = GenerationScheduler.Run(engine, Burst(), GenerationPolicy.Continuous(16, 2048, maxCachedTokens: 128), GenerationClock.Modeled(Cost));

        Assert.True(free.PeakCachedTokens > 128, $"Without a limit the peak was only {free.PeakCachedTokens}: the test's trace does not need the cache.");
        Assert.Equal(0, free.Preemptions);
        Assert.True(tight.Preemptions > 0);
        Assert.True(engine.MostHeld <= 128, $"The engine held {engine.MostHeld} tokens of state at once, over the budget of 128.");
        Assert.Equal(engine.MostHeld, tight.PeakCachedTokens); // the scheduler's own count agrees with the engine's
        Assert.Equal(tight.RecomputedTokens, engine.Reread);
        Assert.All(tight.Requests, r => Assert.Equal(free.Requests[r.Id].Tokens, r.Tokens));
        Assert.True(tight.Metrics().TokensPerSecond < free.Metrics().TokensPerSecond, "Recomputing costs modeled time, so throughput must fall.");
        Assert.Equal(free.Requests.Select(r => r.TimeToFirstTokenSeconds).Min(), tight.Requests.Select(r => r.TimeToFirstTokenSeconds).Min(), 9);
    }

    [Fact]
    public void Cache_budget_sweep_starts_with_the_unlimited_run_and_preempts_more_as_the_cache_shrinks()
    {
        var points = GenerationBenchmark.CacheBudgets(Cost, Burst(), 16, [0.9, 0.5, 0.01]);
        Assert.False(points[0].Limited);
        Assert.Equal(0, points[0].Preemptions);
        Assert.Equal(1, points[0].ShareOfPeak);
        Assert.Equal((int)(0.9 * points[0].CacheTokens), points[1].CacheTokens);
        Assert.Equal(128, points[3].CacheTokens); // 1 % of the peak is raised to the context length: one sequence must fit
        Assert.True(points[3].Preemptions > points[1].Preemptions, string.Join(", ", points));
        Assert.Equal("sharesOfPeak", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationBenchmark.CacheBudgets(Cost, Burst(), 16, [1.5])).ParamName);
        Assert.True(points[3].RecomputedShare > 0 && points[3].RecomputedShare < 1);
        Assert.Contains("preempted", GenerationReport.DescribeCacheBudgets(points).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_budget_is_a_share_of_a_run_s_peak_never_below_the_context_length_and_refuses_shares_outside_its_range()
    {
        var run = GenerationScheduler.Run(new SimulatedEngine(), Burst(), GenerationPolicy.Continuous(16, 2048), GenerationClock.Modeled(Cost));
        Assert.True(run.PeakCachedTokens > 256, $"peak {run.PeakCachedTokens}");

        Assert.Equal((int)(0.5 * run.PeakCachedTokens), run.CacheBudget(0.5, 128));
        Assert.Equal(run.PeakCachedTokens, run.CacheBudget(1, 128));
        Assert.Equal(128, run.CacheBudget(0.001, 128));
        Assert.Equal("shareOfPeak", Assert.Throws<ArgumentOutOfRangeException>(() => run.CacheBudget(0, 128)).ParamName);
        Assert.Equal("shareOfPeak", Assert.Throws<ArgumentOutOfRangeException>(() => run.CacheBudget(1.01, 128)).ParamName);
        Assert.Equal("contextLength", Assert.Throws<ArgumentOutOfRangeException>(() => run.CacheBudget(0.5, 0)).ParamName);
    }

    [Fact]
    public void Chunked_prefill_keeps_every_pass_within_its_budget_and_lowers_the_p99_time_between_tokens_at_the_long_prompts_expense()
    {
        var trace = GenerationWorkload.WithLongPrompts(GenerationBenchmark.Trace(300, 300, seed: 5), Enumerable.Repeat(1, 100).ToArray(), every: 10, contextLength: 128);
        Assert.Equal(30, trace.Count(r => r.Prompt.Count == 100));
        Assert.All(trace, r => Assert.True(r.Prompt.Count + r.MaxNewTokens <= 128));
        var whole = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Continuous(16, 2048), GenerationClock.Modeled(Cost));
        var chunked = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Continuous(16, 32, chunkedPrefill: true), GenerationClock.Modeled(Cost));

        Assert.All(chunked.Steps, s => Assert.True(s.PromptTokens + s.DecodeSequences <= 32));
        Assert.All(chunked.Requests, r => Assert.Equal(whole.Requests[r.Id].Tokens, r.Tokens));
        Assert.True(chunked.TimeBetweenTokensMs(0.99) < whole.TimeBetweenTokensMs(0.99), $"{chunked.TimeBetweenTokensMs(0.99)} against {whole.TimeBetweenTokensMs(0.99)} ms.");
        var points = GenerationBenchmark.PrefillBudgets(Cost, trace, 16, [32]);
        Assert.Equal(whole.TimeBetweenTokensMs(0.99), points[0].TimeBetweenTokensP99Ms);
        Assert.Contains("the p99 was lower than in one pass", GenerationReport.DescribeChunking(points).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chunking_sentence_follows_the_numbers_it_is_given()
    {
        var whole = new PrefillBudgetPoint(2048, false, 1, 10, 5, 1000);
        var waitsLonger = GenerationReport.DescribeChunking([whole, new PrefillBudgetPoint(32, true, 1, 3, 9, 950)]).Text;
        Assert.Contains("At 32 tokens a pass the p99 was lower", waitsLonger, StringComparison.Ordinal);
        Assert.Contains("wait longer: the trade", waitsLonger, StringComparison.Ordinal);
        Assert.Contains("made every running sequence wait", waitsLonger, StringComparison.Ordinal);
        var waitsLess = GenerationReport.DescribeChunking([whole, new PrefillBudgetPoint(64, true, 1, 12, 4, 1010), new PrefillBudgetPoint(16, true, 1, 11, 3, 990)]).Text;
        Assert.Contains("within 64 tokens a pass, p99 12.00 ms", waitsLess, StringComparison.Ordinal);
        Assert.Contains("At 16 tokens a pass the p99 was not lower", waitsLess, StringComparison.Ordinal);
        Assert.Contains("did not make the long prompts wait longer", waitsLess, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_between_tokens_counts_each_decoded_token_at_its_steps_duration()
    {
        // One request, prompt 1 token, 4 new tokens, decode 1 s a pass, prefill 1 s: three decode steps of 1 s each.
        var run = GenerationScheduler.Run(new SimulatedEngine(), [new GenerationRequest(0, [1], 4, 0)], GenerationPolicy.Continuous(1, 128), GenerationClock.Modeled(new StepCostModel(1, 0, 1, 0)));
        Assert.Equal(1000, run.TimeBetweenTokensMs(0.99));
        Assert.Equal("quantile", Assert.Throws<ArgumentOutOfRangeException>(() => run.TimeBetweenTokensMs(1.5)).ParamName);
        var single = GenerationScheduler.Run(new SimulatedEngine(), [new GenerationRequest(0, [1], 1, 0)], GenerationPolicy.Continuous(1, 128), GenerationClock.Modeled(Cost));
        Assert.Throws<ArgumentException>(() => single.TimeBetweenTokensMs(0.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_000_001)]
    public void A_cache_budget_out_of_range_is_refused_by_name(int cache)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Continuous(4, 2048, maxCachedTokens: cache));
        Assert.Equal("maxCachedTokens", error.ParamName);
        Assert.Contains("100,000,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_smaller_than_one_sequence_is_refused_and_a_small_token_budget_needs_chunked_prefill()
    {
        var request = new GenerationRequest(0, [1, 2], 3, 0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GenerationScheduler.Run(new SimulatedEngine(128), [request], GenerationPolicy.Continuous(4, 2048, maxCachedTokens: 127), GenerationClock.Modeled(Cost)));
        Assert.Equal("maxCachedTokens", error.ParamName);
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
        Assert.Contains("chunked prefill", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationScheduler.Run(new SimulatedEngine(128), [request], GenerationPolicy.Continuous(4, 8), GenerationClock.Modeled(Cost))).Message, StringComparison.Ordinal);
        var run = GenerationScheduler.Run(new SimulatedEngine(128), [request], GenerationPolicy.Continuous(4, 1, chunkedPrefill: true), GenerationClock.Modeled(Cost));
        Assert.Equal(3, run.Requests[0].Tokens.Count);
        Assert.Equal(2, run.Steps.Count(s => s.PromptTokens == 1)); // the 2-token prompt read one token a pass
    }

    [Fact]
    public void Prompt_chunks_outside_the_prompt_and_long_prompts_that_do_not_fit_are_refused_by_name()
    {
        var request = new GenerationRequest(3, [1, 2, 3], 2, 0);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => new PromptChunk(request, 3, 1)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => new PromptChunk(request, -1, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new PromptChunk(request, 1, 3)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new PromptChunk(request, 0, 0)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new SimulatedEngine().PrefillChunks([new PromptChunk(request, 1, 2)]));
        Assert.ThrowsAny<ArgumentException>(() => GenerationWorkload.WithLongPrompts([request], new int[128], every: 1, contextLength: 128));
        Assert.Equal("every", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationWorkload.WithLongPrompts([request], [1], every: 0, contextLength: 128)).ParamName);
    }

    [Fact]
    public void A_transformers_cache_per_token_follows_its_shape()
    {
        Assert.Equal(131_072, TransformerKvCache.Llama31_8B.BytesPerToken); // 2 x 32 x 8 x 128 x 2 bytes
        Assert.Equal(2L * 80 * 8 * 128 * 2, new TransformerKvCache("70B-like", 80, 8, 128, 2).BytesPerToken);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerKvCache("none", 0, 8, 128, 2));
    }

    // Counts the state an engine holds, from the calls the scheduler makes: tokens read per live sequence.
    private sealed class CountingEngine(IGenerationEngine inner) : IGenerationEngine
    {
        private readonly Dictionary<int, int> _held = [];
        private readonly HashSet<int> _seen = [];

        public int MostHeld { get; private set; }

        public int Reread { get; private set; }

        public int ContextLength => inner.ContextLength;

        public IReadOnlyList<int> Prefill(IReadOnlyList<GenerationRequest> requests) => PrefillChunks(requests.Select(PromptChunk.Whole).ToList());

        public IReadOnlyList<int> PrefillChunks(IReadOnlyList<PromptChunk> chunks)
        {
            foreach (var chunk in chunks)
            {
                _held[chunk.Request.Id] = _held.GetValueOrDefault(chunk.Request.Id) + chunk.Count;
                Reread += _seen.Contains(chunk.Request.Id) && chunk.Start == 0 ? chunk.Request.Prompt.Count : 0;
            }

            Note();
            return inner.PrefillChunks(chunks);
        }

        public IReadOnlyList<int> Decode(IReadOnlyList<int> requestIds)
        {
            foreach (var id in requestIds)
            {
                _held[id]++;
            }

            Note();
            return inner.Decode(requestIds);
        }

        public void Release(int requestId)
        {
            _held.Remove(requestId);
            _seen.Add(requestId);
        }

        private void Note() => MostHeld = Math.Max(MostHeld, _held.Values.Sum());
    }
}

using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

[Collection(TrainedModelCollection.Name)]
public sealed class GenerationExactnessTests(TrainedModelFixture fixture)
{
    public static TheoryData<string> Policies => ["one", "static", "dynamic", "continuous", "continuous-tight", "continuous-preempting", "continuous-chunked"];

    private static GenerationPolicy Policy(string name) => name switch
    {
        "one" => GenerationPolicy.OneAtATime(),
        "static" => GenerationPolicy.Static(8),
        "dynamic" => GenerationPolicy.Dynamic(6, TimeSpan.FromMilliseconds(1)),
        "continuous" => GenerationPolicy.Continuous(8, 2048),
        "continuous-tight" => GenerationPolicy.Continuous(5, 128), // the token budget binds: prompts of up to 7 tokens, context 128
        "continuous-preempting" => GenerationPolicy.Continuous(16, 2048, maxCachedTokens: 128), // 16 sequences of up to 47 tokens: preempted, recomputed
        _ => GenerationPolicy.Continuous(8, 6, chunkedPrefill: true), // 6 tokens a pass: most prompts are read in chunks while others decode
    };

    // 40 requests arriving within about 10 ms, answers of 8 to 40 tokens: 16 running sequences want more than 128 tokens of cache.
    private IReadOnlyList<GenerationRequest> Requests() =>
        GenerationWorkload.Create(fixture.Prompts, 40, ratePerSecond: 4000, seed: 11, new AnswerLengths(MinNewTokens: 8, MaxNewTokens: 40));

    // Batched float arithmetic may differ from batch-1 arithmetic in the last bits. With greedy decoding that can only change a token
    // where the best two scores (nearly) tie; so tokens must be equal, or else differ first at a step whose margin in the reference is below 1e-3.
    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_policy_generates_what_one_at_a_time_greedy_decoding_generates(string policy)
    {
        var model = fixture.Model;
        model.Decoding = Decoding.Greedy;
        var requests = Requests();
        Assert.Contains(requests, r => r.Prompt.Count != requests[0].Prompt.Count); // prompts of several lengths: prefill padding is exercised
        var run = GenerationScheduler.Run(model, requests, Policy(policy), GenerationClock.MeasuredSteps);

        Assert.Equal(requests.Count, run.Requests.Count);
        foreach (var request in requests)
        {
            var reference = model.GenerateAlone(request);
            var served = run.Requests.Single(r => r.Id == request.Id).Tokens;
            Assert.Equal(request.MaxNewTokens, served.Count);
            var firstDifference = Enumerable.Range(0, served.Count).FirstOrDefault(i => served[i] != reference.Tokens[i], -1);
            Assert.True(firstDifference < 0 || reference.Margins[firstDifference] < 1e-3,
                $"Request {request.Id} under {policy}: token {firstDifference} differs from the batch-1 reference with a clear margin of {(firstDifference < 0 ? 0 : reference.Margins[firstDifference])}.");
        }
    }

    [Fact]
    public void On_the_real_model_the_tight_cache_preempts_and_the_small_budget_chunks_so_the_exactness_theory_covers_both()
    {
        var requests = Requests();
        var preempting = GenerationScheduler.Run(fixture.Model, requests, Policy("continuous-preempting"), GenerationClock.MeasuredSteps);
        Assert.True(preempting.Preemptions > 0 && preempting.RecomputedTokens > preempting.Preemptions, $"{preempting.Preemptions} preemptions, {preempting.RecomputedTokens} tokens recomputed.");
        Assert.True(preempting.PeakCachedTokens <= 128, $"The cache held {preempting.PeakCachedTokens} tokens, over its budget of 128.");
        Assert.True(preempting.RecomputeSeconds > 0);
        var chunked = GenerationScheduler.Run(fixture.Model, requests, Policy("continuous-chunked"), GenerationClock.MeasuredSteps);
        Assert.Contains(chunked.Steps, s => s.PromptTokens > 0 && s.PrefillSequences == 0); // a pass that read part of a prompt and generated nothing for it
        Assert.All(chunked.Steps, s => Assert.True(s.PromptTokens + s.DecodeSequences <= 6, $"Step {s.Index} read {s.PromptTokens} prompt tokens beside {s.DecodeSequences} decodes, over 6."));
    }

    [Fact]
    public void A_prompt_read_in_chunks_leaves_the_same_state_as_read_whole()
    {
        var model = fixture.Model;
        var prompt = fixture.Prompts.SelectMany(p => p).Take(30).ToArray();
        var (whole, parts) = (new GenerationRequest(900, prompt, 12, 0), new GenerationRequest(901, prompt, 12, 0));
        var first = model.PrefillChunks([PromptChunk.Whole(whole), new PromptChunk(parts, 0, 7)]);
        Assert.Equal(-1, first[1]); // the first part ends no prompt: no token yet
        var second = model.PrefillChunks([new PromptChunk(parts, 7, 20)]);
        var last = model.PrefillChunks([new PromptChunk(parts, 27, 3)]);
        Assert.Equal(-1, second[0]);
        Assert.Equal(first[0], last[0]);
        for (var i = 0; i < 10; i++)
        {
            var next = model.Decode([900, 901]);
            Assert.Equal(next[0], next[1]);
        }

        model.Release(900);
        model.Release(901);
        Assert.Throws<InvalidOperationException>(() => model.PrefillChunks([new PromptChunk(parts, 7, 3)]));
    }

    [Fact]
    public void Static_batches_keep_finished_sequences_as_padding_and_still_match()
    {
        var run = GenerationScheduler.Run(fixture.Model, GenerationWorkload.Create(fixture.Prompts, 16, 1e6, seed: 3, new AnswerLengths(MinNewTokens: 2, MaxNewTokens: 30)), GenerationPolicy.Static(16), GenerationClock.MeasuredSteps);
        Assert.True(run.Metrics().PaddingWaste > 0);
        Assert.Contains(run.Steps, s => s.DecodeSequences > s.UsefulDecodeSequences);
    }

    [Fact]
    public void Seeded_sampling_gives_each_request_the_same_tokens_alone_and_in_a_continuous_batch()
    {
        var model = fixture.Model;
        model.Decoding = Decoding.Sampling(1.0, seed: 5);
        try
        {
            var requests = GenerationWorkload.Create(fixture.Prompts, 20, 4000, seed: 12, new AnswerLengths(MinNewTokens: 2, MaxNewTokens: 20));
            var run = GenerationScheduler.Run(model, requests, GenerationPolicy.Continuous(6), GenerationClock.MeasuredSteps);
            var same = requests.Count(r => model.GenerateAlone(r).Tokens.SequenceEqual(run.Requests.Single(x => x.Id == r.Id).Tokens));
            Assert.True(same >= requests.Count - 1, $"{same} of {requests.Count} sampled requests matched their batch-1 draw.");
            var greedy = requests.Count(r => { model.Decoding = Decoding.Greedy; var t = model.GenerateAlone(r).Tokens; model.Decoding = Decoding.Sampling(1.0, 5); return t.SequenceEqual(run.Requests.Single(x => x.Id == r.Id).Tokens); });
            Assert.True(greedy < requests.Count, "Sampling should differ from greedy decoding for some request.");
        }
        finally
        {
            model.Decoding = Decoding.Greedy;
        }
    }

    [Fact]
    public void The_trained_model_learned_the_subjects()
    {
        Assert.True(fixture.Model.Training.LastLoss < fixture.Model.Training.FirstLoss * 0.6, fixture.Model.Training.ToString());
    }
}

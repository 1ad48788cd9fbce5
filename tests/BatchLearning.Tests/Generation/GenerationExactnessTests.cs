using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

[Collection(TrainedModelCollection.Name)]
public sealed class GenerationExactnessTests(TrainedModelFixture fixture)
{
    public static TheoryData<string> Policies => ["one", "static", "dynamic", "continuous", "continuous-tight"];

    private static GenerationPolicy Policy(string name) => name switch
    {
        "one" => GenerationPolicy.OneAtATime(),
        "static" => GenerationPolicy.Static(8),
        "dynamic" => GenerationPolicy.Dynamic(6, TimeSpan.FromMilliseconds(1)),
        "continuous" => GenerationPolicy.Continuous(8, 2048),
        _ => GenerationPolicy.Continuous(5, 128), // the token budget binds: prompts of up to 7 tokens, context 128
    };

    // Batched float arithmetic may differ from batch-1 arithmetic in the last bits. With greedy decoding that can only change a token
    // where the best two scores (nearly) tie; so tokens must be equal, or else differ first at a step whose margin in the reference is below 1e-3.
    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_policy_generates_what_one_at_a_time_greedy_decoding_generates(string policy)
    {
        var model = fixture.Model;
        model.Decoding = Decoding.Greedy;
        var requests = GenerationWorkload.Create(fixture.Prompts, 40, ratePerSecond: 4000, seed: 11, new AnswerLengths(MinNewTokens: 2, MaxNewTokens: 40));
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

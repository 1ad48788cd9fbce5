using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

public sealed class GenerationBadInputTests
{
    private static readonly GenerationClock Clock = GenerationClock.Modeled(new StepCostModel(0.001, 0.0001, 0.001, 0));

    [Fact]
    public void A_prompt_longer_than_the_context_is_refused_with_the_request_and_the_limit()
    {
        var error = Assert.Throws<ArgumentException>(() => GenerationScheduler.Run(new SimulatedEngine(16), [new GenerationRequest(7, new int[20], 1, 0)], GenerationPolicy.OneAtATime(), Clock));
        Assert.Equal("requests", error.ParamName);
        Assert.Contains("Request 7", error.Message);
        Assert.Contains("context of 16", error.Message);
    }

    [Fact]
    public void A_prompt_plus_new_tokens_past_the_context_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GenerationScheduler.Run(new SimulatedEngine(16), [new GenerationRequest(3, new int[10], 10, 0)], GenerationPolicy.OneAtATime(), Clock));
        Assert.Equal("requests", error.ParamName);
        Assert.Contains("at most 6 new tokens", error.Message);
    }

    [Fact]
    public void Zero_new_tokens_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationRequest(1, [1], 0, 0));
        Assert.Equal("maxNewTokens", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void A_token_budget_smaller_than_one_sequence_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GenerationScheduler.Run(new SimulatedEngine(128), [new GenerationRequest(0, [1], 1, 0)], GenerationPolicy.Continuous(4, 100), Clock));
        Assert.Equal("maxBatchedTokens", error.ParamName);
        Assert.Contains("at least the model's context length, 128", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(5000)]
    public void A_maximum_of_running_sequences_outside_1_to_4096_is_refused(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Continuous(value, 2048));
        Assert.Equal("maxRunningSequences", error.ParamName);
        Assert.Contains("from 1 to 4,096", error.Message);
    }

    [Fact]
    public void Batch_sizes_delays_and_budgets_out_of_range_are_refused()
    {
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Static(0)).ParamName);
        Assert.Equal("maxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Dynamic(0, TimeSpan.Zero)).ParamName);
        Assert.Equal("maxDelay", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Dynamic(4, TimeSpan.FromMilliseconds(-1))).ParamName);
        Assert.Equal("maxBatchedTokens", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationPolicy.Continuous(4, 0)).ParamName);
    }

    [Fact]
    public void Requests_with_the_same_id_or_no_requests_are_refused()
    {
        Assert.Equal("requests", Assert.Throws<ArgumentException>(() => GenerationScheduler.Run(new SimulatedEngine(), [new GenerationRequest(1, [1], 1, 0), new GenerationRequest(1, [1], 1, 0)], GenerationPolicy.OneAtATime(), Clock)).ParamName);
        Assert.Equal("requests", Assert.Throws<ArgumentException>(() => GenerationScheduler.Run(new SimulatedEngine(), [], GenerationPolicy.OneAtATime(), Clock)).ParamName);
    }

    [Fact]
    public void Empty_prompts_negative_ids_and_bad_arrival_times_are_refused()
    {
        Assert.Equal("prompt", Assert.Throws<ArgumentException>(() => new GenerationRequest(1, [], 1, 0)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationRequest(-1, [1], 1, 0)).ParamName);
        Assert.Equal("arrivalSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationRequest(1, [1], 1, double.NaN)).ParamName);
    }

    [Fact]
    public void Workload_and_cost_settings_out_of_range_are_refused()
    {
        var prompts = GenerationWorkload.PlaceholderPrompts(2);
        Assert.Equal("ratePerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationWorkload.Create(prompts, 10, double.PositiveInfinity, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationWorkload.Create(prompts, 0, 10, 1)).ParamName);
        Assert.Equal("MaxNewTokens", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationWorkload.Create(prompts, 10, 10, 1, new AnswerLengths(MinNewTokens: 5, MaxNewTokens: 4))).ParamName);
        Assert.Equal("TailIndex", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationWorkload.Create(prompts, 10, 10, 1, new AnswerLengths(TailIndex: 0))).ParamName);
        Assert.Equal("FixedSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationClock.Modeled(new StepCostModel(double.NaN, 0))).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentOutOfRangeException>(() => GenerationClock.Modeled(new StepCostModel(0, 0, 0, 0))).ParamName);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => Decoding.Sampling(0, 1)).ParamName);
        Assert.Equal("HiddenSize", Assert.Throws<ArgumentOutOfRangeException>(() => CharacterModel.Train(["abc"], new CharacterModelOptions(HiddenSize: 0))).ParamName);
    }

    [Fact]
    public void New_tokens_of_int_max_value_minus_one_are_refused_by_the_context_check_instead_of_overflowing_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            GenerationScheduler.Run(new SimulatedEngine(16), [new GenerationRequest(5, new int[4], int.MaxValue - 1, 0)], GenerationPolicy.OneAtATime(), Clock));

        Assert.Equal("requests", error.ParamName);
        Assert.Contains("at most 12 new tokens", error.Message);
    }

    [Fact]
    public void A_recorded_run_whose_steps_all_took_no_time_has_no_throughput_and_says_so()
    {
        var request = new GeneratedRequest(0, 1, [1, 2], 0, 0, 0, 0, 0, 0);
        var step = new GenerationStep(0, 0, 0, 1, 1, 1, 1, 1, 0, 0, [0]);
        var run = new GenerationRun(GenerationPolicy.OneAtATime(), GenerationClock.MeasuredSteps, [request], [step]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => run.Metrics());

        Assert.Equal("DurationSeconds", error.ParamName);
        Assert.Contains("valid range: above 0", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.5)]
    public void Fitting_the_step_cost_to_a_step_time_that_is_not_a_duration_is_refused_naming_the_step(double seconds)
    {
        var steps = Enumerable.Range(0, 6).Select(i => new GenerationStep(i, i, i == 3 ? seconds : 0.01 + i * 0.001, i + 1, i + 1, 0, 0, 0, 0, 0, [])).ToList();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StepCostModel.Fit(steps));

        Assert.Equal("steps[3].Seconds", error.ParamName);
        Assert.Contains("valid range: 0 to", error.Message);
    }

    [Fact]
    public void A_hand_made_step_cost_that_is_negative_is_refused_on_construction()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepCostModel(0.001, -0.0001));

        Assert.Equal("PerSequenceSeconds", error.ParamName);
        Assert.Contains("PerSequenceSeconds is -0.0001; valid range: 0 to 1,000", error.Message);
    }
}

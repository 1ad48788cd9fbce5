using BatchLearning.Costs;
using BatchLearning.Prompts;

namespace BatchLearning.Tests.Costs;

/// <summary>Prompt caching priced by each provider's rule, on fixed token counts: every branch of the rule and of the sentence.</summary>
public sealed class PromptCachingCostTests
{
    private static readonly DateOnly Read = new(2026, 12, 7);
    private static readonly ApiPrice Price = new("P", "m", 1.0, 4.0, 0.5, 2.0, ApiPrice.Published, Read, "test");

    // k = 1: an instruction of `instruction` tokens, 100 tokens of email, 2 of answer.
    private static PackedTokens Tokens(int instruction) => new(1, 10, instruction + 100, 2, instruction + 100, instruction, 100);

    private static PromptCachingTerms Rule(CachingWithBatch withBatch, int minimum = 1024) => new("P", "m", minimum, 0.1, 1.25, withBatch, Read, "test");

    [Fact]
    public void An_instruction_below_the_minimum_costs_the_same_with_and_without_caching()
    {
        var point = PromptCachingCost.For(Price, Rule(CachingWithBatch.Stacks), Tokens(23));

        Assert.False(point.Cached);
        Assert.Equal(point.RealTimePerThousand, point.RealTimeCachedPerThousand);
        Assert.Equal(point.BatchPerThousand, point.BatchCachedPerThousand);
        Assert.Equal(1000 * (123 * 1.0 + 2 * 4.0) / 1e6, point.RealTimePerThousand, 12);
        Assert.Equal(0.5, point.BestSaving, 9);
    }

    [Theory]
    [InlineData(CachingWithBatch.Stacks, 2000 * 0.05 + 100 * 0.5 + 2 * 2.0)]   // cached tokens at the cached price times the batch discount
    [InlineData(CachingWithBatch.Replaces, 2000 * 0.1 + 100 * 0.5 + 2 * 2.0)]  // cached tokens at the cached price, the rest at batch prices
    [InlineData(CachingWithBatch.None, 2000 * 0.5 + 100 * 0.5 + 2 * 2.0)]      // no cache discount in a batch
    public void A_long_instruction_is_read_from_the_cache_and_the_batch_rule_decides_what_a_batch_pays(CachingWithBatch rule, double batchCachedMicroDollars)
    {
        var point = PromptCachingCost.For(Price, Rule(rule), Tokens(2000));

        Assert.True(point.Cached);
        Assert.Equal(1000 * (2000 * 0.1 + 100 * 1.0 + 2 * 4.0) / 1e6, point.RealTimeCachedPerThousand, 12);
        Assert.Equal(1000 * batchCachedMicroDollars / 1e6, point.BatchCachedPerThousand, 12);
        Assert.True(point.RealTimeCachedPerThousand < point.RealTimePerThousand);
        Assert.Equal(rule == CachingWithBatch.None, point.RealTimeCachedIsCheaper); // 2000 x 0.1 in real time beats 2000 x 0.5 in a batch without a cache discount
        Assert.Equal(new[] { point.RealTimePerThousand, point.RealTimeCachedPerThousand, point.BatchPerThousand, point.BatchCachedPerThousand }.Min(), point.CheapestPerThousand);
    }

    [Fact]
    public void The_sentence_says_no_model_caches_a_short_instruction_and_names_each_minimum()
    {
        var points = new[] { PromptCachingCost.For(Price, Rule(CachingWithBatch.Stacks, 4096), Tokens(23)) };

        var text = PromptCachingCost.Describe(points);

        Assert.Equal("An instruction of 23 tokens: no model here caches it, since each caches only prompts from its minimum (m 4,096 tokens); "
            + "caching saves nothing, and the batch API's discount is the whole saving (m 50 % less).", text);
    }

    [Fact]
    public void The_sentence_names_the_models_that_cache_a_long_instruction_those_it_is_too_short_for_and_which_pass_50_percent()
    {
        var otherPrice = Price with { Model = "n" };
        var points = new[]
        {
            PromptCachingCost.For(Price, Rule(CachingWithBatch.Stacks, 1024), Tokens(2000)),
            PromptCachingCost.For(otherPrice, Rule(CachingWithBatch.None, 4096) with { Model = "n" }, Tokens(2000)),
        };

        var text = PromptCachingCost.Describe(points);

        Assert.StartsWith("An instruction of 2,000 tokens: m caches it (from 1,024 tokens), ", text, StringComparison.Ordinal);
        Assert.Contains("(the discounts stack); too short for n (from 4,096)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("real time with caching is the cheaper way", text, StringComparison.Ordinal);
        var openAiLike = PromptCachingCost.Describe([PromptCachingCost.For(Price, Rule(CachingWithBatch.None), Tokens(2000))]);
        Assert.Contains("(no cache discount in a batch), so real time with caching is the cheaper way. Past 50 % below real time: m.", openAiLike, StringComparison.Ordinal);
        Assert.EndsWith(". Past 50 % below real time: m.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_of_packed_requests_and_rules_of_another_model_are_refused_by_name()
    {
        var packed = new PackedTokens(5, 2, 40, 3, 200, 23, 30);
        Assert.Equal("tokens", Assert.Throws<ArgumentException>(() => PromptCachingCost.For(Price, Rule(CachingWithBatch.None), packed)).ParamName);
        Assert.Equal("caching", Assert.Throws<ArgumentException>(() => PromptCachingCost.For(Price, Rule(CachingWithBatch.None) with { Model = "x" }, Tokens(23))).ParamName);
    }

    [Fact]
    public void The_shipped_rules_cover_the_notebook_s_four_models_each_dated_and_sourced_and_cheaper_than_input()
    {
        var prices = PriceTable.Default;
        foreach (var model in new[] { "gpt-4o-mini", "gpt-4.1-mini", "claude-haiku-4.5", "gemini-2.5-flash-lite" })
        {
            var rule = prices.Caching(model);
            Assert.True(rule.CachedInputPerMillion < prices.Api(model).InputPerMillion, model);
            Assert.True(rule.MinimumPromptTokens >= 1024, model);
            Assert.False(string.IsNullOrWhiteSpace(rule.Source), model);
        }

        Assert.Equal(CachingWithBatch.Stacks, prices.Caching("claude-haiku-4.5").WithBatch);
        Assert.Contains("Known: ", Assert.Throws<ArgumentException>(() => prices.Caching("nope")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P,m,0,0.1,,none,2026-12-07,s", "minimum_prompt_tokens")]
    [InlineData("P,m,1024,0.1,,sometimes,2026-12-07,s", "with_batch must be none, stacks or replaces")]
    [InlineData("P,m,1024,-0.1,,none,2026-12-07,s", "cached_input_per_million")]
    public void A_malformed_caching_row_is_refused_naming_the_file_and_line(string row, string expected)
    {
        const string header = "provider,model,minimum_prompt_tokens,cached_input_per_million,cache_write_per_million,with_batch,date,source";
        var api = "provider,model,input_per_million,output_per_million,batch_input_per_million,batch_output_per_million,batch_price_basis,date,source\nP,m,1,4,0.5,2,published,2026-12-07,s";
        var terms = "provider,discount_percent,completion_window_hours,max_requests,max_file_megabytes,date,source\nP,50,24,50000,200,2026-11-29,docs";
        var gpus = "gpu,offer,per_gpu_hour,date,source\nL4,AWS g6.xlarge,0.80,2026-11-29,catalog";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(api, terms, gpus, null, header + "\n" + row));

        Assert.Contains("prompt-caching.csv, line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

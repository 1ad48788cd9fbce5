using BatchLearning.Email;
using BatchLearning.Prompts;

namespace BatchLearning.Tests.Prompts;

/// <summary>Packing below one email, a prompt beyond the context window and an unknown encoding are refused with the valid range.</summary>
public sealed class PromptsBadInputTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(40, new DateOnly(2026, 3, 10), seed: 3);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(10_001)]
    public void Packing_fewer_than_one_email_per_request_is_refused(int k)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PackedClassificationPrompt.MeasureTokens(Mail, TokenCounter.ForModel("gpt-4o-mini"), [1, k]));

        Assert.Equal("itemsPerRequest", error.ParamName);
        Assert.Contains("from 1 to 10,000", error.Message);
        Assert.Equal("itemsPerRequest", Assert.Throws<ArgumentOutOfRangeException>(() => PackedClassificationPrompt.Parse("1: spam", k)).ParamName);
    }

    [Fact]
    public void A_request_longer_than_the_context_window_is_refused()
    {
        var small = TokenCounter.ForModel("gpt-4o-mini", contextTokens: 500);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PackedClassificationPrompt.MeasureTokens(Mail, small, [1, 20]));

        Assert.Equal("itemsPerRequest", error.ParamName);
        Assert.Contains("accepts at most 500 tokens", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => small.CountPrompt("Classify.", string.Concat(Enumerable.Repeat("word ", 600))));
    }

    [Fact]
    public void An_unknown_encoding_is_refused_naming_the_one_available()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenCounter.ForEncoding("cl100k_base"));

        Assert.Equal("encoding", error.ParamName);
        Assert.Contains("o200k_base", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20_000_000)]
    public void A_context_window_out_of_range_is_refused(int context)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TokenCounter.ForEncoding("o200k_base", context));

        Assert.Equal("contextTokens", error.ParamName);
        Assert.Contains("from 1 to 10,000,000", error.Message);
    }

    [Fact]
    public void Unlabelled_or_no_emails_are_refused()
    {
        var tokens = TokenCounter.ForModel("gpt-4o-mini");

        Assert.Equal("emails", Assert.Throws<ArgumentException>(() => PackedClassificationPrompt.MeasureTokens([], tokens, [1])).ParamName);
        Assert.Equal("emails", Assert.Throws<ArgumentException>(() => PackedClassificationPrompt.MeasureTokens([Mail[0] with { Category = null }], tokens, [1])).ParamName);
    }

    [Fact]
    public void Hand_made_packed_tokens_with_negative_input_tokens_are_refused_on_construction()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PackedTokens(1, 10, -50, 2, 100, 40, 60));

        Assert.Equal(nameof(PackedTokens.InputTokensPerEmail), error.ParamName);
        Assert.Contains("InputTokensPerEmail is -50; valid range: 0 to 100,000,000", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Hand_made_packed_tokens_with_no_email_per_request_are_refused(int k)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PackedTokens(k, 10, 50, 2, 100, 40, 60));

        Assert.Equal(nameof(PackedTokens.ItemsPerRequest), error.ParamName);
    }
}

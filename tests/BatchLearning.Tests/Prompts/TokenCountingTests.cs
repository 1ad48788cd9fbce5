using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;

namespace BatchLearning.Tests.Prompts;

/// <summary>Tokens are counted by the real o200k_base tokenizer, and packing k emails per request pays the instruction once per k.</summary>
public sealed class TokenCountingTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(200, new DateOnly(2026, 3, 10), seed: 7);

    [Fact]
    public void O200k_counts_the_documented_example_as_16_tokens()
    {
        // Microsoft.ML.Tokenizers' package readme: gpt-4o counts this sentence as 16 tokens.
        var tokens = TokenCounter.ForModel("gpt-4o");

        Assert.Equal(16, tokens.Count("Text tokenization is the process of splitting a string into a list of tokens."));
        Assert.True(tokens.IsExact);
        Assert.Equal(0, tokens.Count(""));
    }

    [Fact]
    public void Another_providers_model_is_counted_with_o200k_as_an_approximation()
    {
        var claude = TokenCounter.ForModel("claude-haiku-4.5");

        Assert.False(claude.IsExact);
        Assert.Equal(TokenCounter.O200kBase, claude.Encoding);
    }

    [Fact]
    public void The_classification_tokens_are_the_shared_prompts_tokens()
    {
        var tokens = TokenCounter.ForModel("gpt-4o-mini");
        var measured = ClassificationTokens.Measure(Mail, tokens);

        Assert.Equal(tokens.Count(ClassificationPrompt.System), measured.InstructionTokens);
        Assert.Equal(Mail.Average(e => tokens.Count(ClassificationPrompt.User(e))), measured.MeanEmailTokens, 6);
        Assert.InRange(measured.MeanAnswerTokens, 1, 3);
        Assert.Equal(measured.MeanEmailTokens, measured.Workload(1000).InputTokensPerRequest);
    }

    [Fact]
    public void Packing_pays_the_instruction_once_per_request()
    {
        var tokens = TokenCounter.ForModel("gpt-4o-mini");
        var examples = EmailGenerator.Day(3, new DateOnly(2026, 3, 9), seed: 8);
        var packed = PackedClassificationPrompt.MeasureTokens(Mail, tokens, [1, 2, 5, 10, 20], examples);

        Assert.Equal([200, 100, 40, 20, 10], packed.Select(p => p.Requests));
        Assert.True(packed[0].InstructionTokens > 100, $"three examples make a long instruction; got {packed[0].InstructionTokens} tokens");
        for (var i = 1; i < packed.Count; i++)
        {
            Assert.True(packed[i].InputTokensPerEmail < packed[i - 1].InputTokensPerEmail, $"k = {packed[i].ItemsPerRequest} should need fewer input tokens per email");
        }

        // With k = 1 the request is exactly the single-email prompt.
        var single = packed[0];
        Assert.Equal(single.InstructionTokens + single.MeanEmailTokens, single.InputTokensPerEmail, 6);
    }

    [Fact]
    public void With_the_short_instruction_alone_the_numbered_answer_costs_output_tokens()
    {
        var packed = PackedClassificationPrompt.MeasureTokens(Mail, TokenCounter.ForModel("gpt-4o-mini"), [1, 10]);

        Assert.True(packed[1].OutputTokensPerEmail > packed[0].OutputTokensPerEmail + 1, "'n: Category' lines need more tokens than the bare category");
    }

    [Fact]
    public void A_packed_answer_is_read_line_by_line()
    {
        var answer = PackedClassificationPrompt.Parse("1: spam\n2: Work.\n 3 : support\n", 3);

        Assert.True(answer.Succeeded);
        Assert.Equal([EmailCategory.Spam, EmailCategory.Work, EmailCategory.Support], answer.Categories);
        Assert.Equal("1: Work\n2: Spam", PackedClassificationPrompt.Answer([EmailCategory.Work, EmailCategory.Spam]));
        Assert.Equal(EmailCategory.Personal, PackedClassificationPrompt.Parse("Personal", 1).Categories[0]);
    }

    [Theory]
    [InlineData("1: spam\n2: work", "3 of 3 not answered")]
    [InlineData("1: spam\n1: work\n3: work", "email 1 is answered twice")]
    [InlineData("1: spam\n2: pizza\n3: work", "names no category")]
    [InlineData("spam, work, support", "is not 'number: category'")]
    [InlineData("1: spam\n2: work\n4: work", "outside 1 to 3")]
    [InlineData("", "empty")]
    public void A_malformed_answer_fails_only_its_own_requests_emails(string malformed, string reason)
    {
        var answers = new[] { "1: spam\n2: work\n3: support", malformed, "1: personal\n2: promotions\n3: spam" }
            .Select(a => PackedClassificationPrompt.Parse(a, 3)).ToList();

        Assert.True(answers[0].Succeeded);
        Assert.True(answers[2].Succeeded);
        Assert.False(answers[1].Succeeded);
        Assert.Contains(reason, answers[1].Error);
        Assert.All(answers[1].Categories, Assert.Null);
        Assert.Equal(3, answers[1].Categories.Count);
    }
}

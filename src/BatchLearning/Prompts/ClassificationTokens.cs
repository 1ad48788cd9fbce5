using BatchLearning.Email;
using BatchLearning.Providers;

namespace BatchLearning.Prompts;

/// <summary>
/// The tokens of the course's classification request (<see cref="ClassificationPrompt"/>, one email per request), counted with a real tokenizer:
/// the one definition notebooks 05 and 06 both price, so their token counts agree.
/// </summary>
/// <param name="Encoding">The tokenizer's encoding, "o200k_base".</param>
/// <param name="IsExact">False when the model uses another tokenizer and o200k_base approximates it.</param>
/// <param name="Emails">Emails measured.</param>
/// <param name="InstructionTokens">Tokens of <see cref="ClassificationPrompt.System"/>, paid with every request.</param>
/// <param name="MeanEmailTokens">Mean tokens of <see cref="ClassificationPrompt.User"/> over the emails.</param>
/// <param name="MeanAnswerTokens">Mean tokens of the right answer (one category name).</param>
public sealed record ClassificationTokens(string Encoding, bool IsExact, int Emails, int InstructionTokens, double MeanEmailTokens, double MeanAnswerTokens)
{
    /// <summary>Counts the tokens of one request per email over <paramref name="emails"/> (labelled, so the answer can be counted).</summary>
    /// <exception cref="ArgumentException">No emails, or an email without a category.</exception>
    /// <param name="emails">Labelled emails, at least 1.</param>
    /// <param name="tokens">The token counter.</param>
    /// <param name="examples">Labelled examples included in the instruction; none by default (the instruction is then exactly <see cref="ClassificationPrompt.System"/>).</param>
    public static ClassificationTokens Measure(IReadOnlyList<EmailMessage> emails, TokenCounter tokens, IReadOnlyList<EmailMessage>? examples = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var one = PackedClassificationPrompt.MeasureTokens(emails, tokens, [1], examples).Single();
        return new ClassificationTokens(tokens.Encoding, tokens.IsExact, emails.Count, one.InstructionTokens, one.MeanEmailTokens, one.OutputTokensPerEmail);
    }
}

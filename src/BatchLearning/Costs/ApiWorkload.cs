namespace BatchLearning.Costs;

/// <summary>What a task sends to a language-model API.</summary>
/// <param name="RequestsPerDay">Requests a day (for example emails to classify), at least 1.</param>
/// <param name="InputTokensPerRequest">Tokens of the item itself per request (about 4 characters or 3/4 of a word per token in English).</param>
/// <param name="OutputTokensPerRequest">Tokens the model answers per request (a label: a few tokens).</param>
/// <param name="FixedPromptTokens">The instruction sent with every request (often more than the item itself); 0 when none.</param>
public sealed record ApiWorkload(double RequestsPerDay, double InputTokensPerRequest, double OutputTokensPerRequest, double FixedPromptTokens = 0)
{
    /// <summary>Refuses zero requests and negative token counts, naming the field and the valid range.</summary>
    internal ApiWorkload Validated()
    {
        if (!double.IsFinite(RequestsPerDay) || RequestsPerDay < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestsPerDay), RequestsPerDay, $"RequestsPerDay must be at least 1 request a day (finite); got {RequestsPerDay}.");
        }

        foreach (var (value, name) in new[] { (InputTokensPerRequest, nameof(InputTokensPerRequest)), (OutputTokensPerRequest, nameof(OutputTokensPerRequest)), (FixedPromptTokens, nameof(FixedPromptTokens)) })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 or more tokens (finite); got {value}.");
            }
        }

        return this;
    }
}

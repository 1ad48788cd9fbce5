namespace BatchLearning.Costs;

/// <summary>What a task sends to a language-model API.</summary>
/// <param name="RequestsPerDay">Requests a day (for example emails to classify), from 1 to 1e12.</param>
/// <param name="InputTokensPerRequest">Tokens of the item itself per request (about 4 characters or 3/4 of a word per token in English).</param>
/// <param name="OutputTokensPerRequest">Tokens the model answers per request (a label: a few tokens).</param>
/// <param name="FixedPromptTokens">The instruction sent with every request (often more than the item itself); 0 when none.</param>
public sealed record ApiWorkload(double RequestsPerDay, double InputTokensPerRequest, double OutputTokensPerRequest, double FixedPromptTokens = 0)
{
    /// <summary>The most requests a day a workload may hold: 1e12 (a trillion), so a day's cost stays a finite number.</summary>
    public const double MostRequestsPerDay = 1e12;

    /// <summary>The most tokens per request: 100,000,000 (far beyond any model's context).</summary>
    public const double MostTokensPerRequest = 1e8;

    /// <summary>Refuses fewer than 1 or more than <see cref="MostRequestsPerDay"/> requests and token counts outside 0 to <see cref="MostTokensPerRequest"/>, naming the field and the valid range.</summary>
    internal ApiWorkload Validated()
    {
        Guard.InRange(RequestsPerDay, 1, MostRequestsPerDay);
        Guard.InRange(InputTokensPerRequest, 0, MostTokensPerRequest);
        Guard.InRange(OutputTokensPerRequest, 0, MostTokensPerRequest);
        Guard.InRange(FixedPromptTokens, 0, MostTokensPerRequest);
        return this;
    }
}

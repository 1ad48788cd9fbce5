using System.Globalization;
using BatchLearning.Prompts;

namespace BatchLearning.Providers;

/// <summary>What sending a prepared batch would cost, worked out before anything is sent.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Model">The model named in the requests.</param>
/// <param name="Files">The request files, one batch each.</param>
/// <param name="Requests">Requests in all files (one per email).</param>
/// <param name="InputTokens">
/// Input tokens in all requests (system and user messages), counted with the o200k_base tokenizer (<see cref="TokenCounter"/>): exact for OpenAI's gpt-4o family and later,
/// an approximation for other providers' models, whose tokenizers differ (<paramref name="TokensAreExact"/> says which).
/// </param>
/// <param name="TokensAreExact">True when the model itself uses o200k_base, false when o200k_base approximates its tokenizer.</param>
/// <param name="MaxOutputTokens">Output tokens at most: each answer is capped at <see cref="ClassificationPrompt.MaxOutputTokens"/>.</param>
/// <param name="EstimatedCostUsd">The batch price of those tokens in US dollars (from the library's price table); null when the table has no price for the model.</param>
/// <param name="PriceNote">Where the price came from, or why there is none.</param>
public sealed record ProviderBatchEstimate(
    BatchProvider Provider,
    string Model,
    IReadOnlyList<string> Files,
    int Requests,
    long InputTokens,
    bool TokensAreExact,
    long MaxOutputTokens,
    double? EstimatedCostUsd,
    string PriceNote)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests:N0} request(s) to {Model} ({Provider}) in {Files.Count} batch file(s): {InputTokens:N0} input tokens ({TokenCounter.O200kBase}{(TokensAreExact ? "" : ", an approximation for this model")}), "
        + $"at most {MaxOutputTokens:N0} output tokens; estimated batch cost {(EstimatedCostUsd is { } cost ? "$" + cost.ToString("0.0000", CultureInfo.InvariantCulture) : "unknown")} ({PriceNote})");
}

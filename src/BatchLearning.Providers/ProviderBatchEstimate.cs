using System.Globalization;

namespace BatchLearning.Providers;

/// <summary>What sending a prepared batch would cost, worked out before anything is sent.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Model">The model named in the requests.</param>
/// <param name="Files">The request files, one batch each.</param>
/// <param name="Requests">Requests in all files (one per email).</param>
/// <param name="EstimatedInputTokens">Input tokens in all requests, estimated at 4 characters per token (no tokenizer is used: the real count differs by model).</param>
/// <param name="MaxOutputTokens">Output tokens at most: each answer is capped at <see cref="ClassificationPrompt.MaxOutputTokens"/>.</param>
/// <param name="EstimatedCostUsd">The batch price of those tokens in US dollars (from the library's price table); null when the table has no price for the model.</param>
/// <param name="PriceNote">Where the price came from, or why there is none.</param>
public sealed record ProviderBatchEstimate(
    BatchProvider Provider,
    string Model,
    IReadOnlyList<string> Files,
    int Requests,
    long EstimatedInputTokens,
    long MaxOutputTokens,
    double? EstimatedCostUsd,
    string PriceNote)
{
    /// <summary>Characters per token used for <see cref="EstimatedInputTokens"/>: a rough rule for English text.</summary>
    public const int CharactersPerToken = 4;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests:N0} request(s) to {Model} ({Provider}) in {Files.Count} batch file(s): about {EstimatedInputTokens:N0} input tokens (estimate: {CharactersPerToken} characters per token), "
        + $"at most {MaxOutputTokens:N0} output tokens; estimated batch cost {(EstimatedCostUsd is { } cost ? "$" + cost.ToString("0.0000", CultureInfo.InvariantCulture) : "unknown")} ({PriceNote})");
}

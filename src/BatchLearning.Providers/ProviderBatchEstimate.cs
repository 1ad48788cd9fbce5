using System.Globalization;
using BatchLearning.Prompts;

namespace BatchLearning.Providers;

/// <summary>What sending a prepared batch would cost, worked out before anything is sent.</summary>
public sealed record ProviderBatchEstimate
{
    /// <summary>The provider.</summary>
    public required BatchProvider Provider { get; init; }

    /// <summary>The model named in the requests.</summary>
    public required string Model { get; init; }

    /// <summary>The request files, one batch each.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Requests in all files (one per email).</summary>
    public required int Requests { get; init; }

    /// <summary>
    /// Input tokens in all requests (system and user messages), counted with the o200k_base tokenizer (<see cref="TokenCounter"/>): exact for OpenAI's gpt-4o family and later,
    /// an approximation for other providers' models, whose tokenizers differ (<see cref="TokensAreExact"/> says which).
    /// </summary>
    public required long InputTokens { get; init; }

    /// <summary>True when the model itself uses o200k_base, false when o200k_base approximates its tokenizer.</summary>
    public required bool TokensAreExact { get; init; }

    /// <summary>Output tokens at most: each answer is capped at <see cref="ClassificationPrompt.MaxOutputTokens"/>.</summary>
    public required long MaxOutputTokens { get; init; }

    /// <summary>The batch price of those tokens in US dollars (from the library's price table); null when the table has no price for the model.</summary>
    public double? EstimatedCostUsd { get; init; }

    /// <summary>Where the price came from, or why there is none.</summary>
    public required string PriceNote { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests:N0} request(s) to {Model} ({Provider}) in {Files.Count} batch file(s): {InputTokens:N0} input tokens ({TokenCounter.O200kBase}{(TokensAreExact ? "" : ", an approximation for this model")}), "
        + $"at most {MaxOutputTokens:N0} output tokens; estimated batch cost {(EstimatedCostUsd is { } cost ? "$" + cost.ToString("0.0000", CultureInfo.InvariantCulture) : "unknown")} ({PriceNote})");
}

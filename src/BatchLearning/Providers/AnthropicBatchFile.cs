using System.Globalization;
using System.Text.Json.Nodes;
using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>
/// Anthropic Message Batches files for classifying emails (format in shared/reference/prices.md): each batch is the JSON body
/// <c>{"requests": [{"custom_id", "params": {...Messages API request...}}]}</c>, split at the request and size limits; results (JSON Lines with
/// custom_id and result.type succeeded / errored / canceled / expired, in any order) are read back and matched by custom_id.
/// </summary>
public static class AnthropicBatchFile
{
    /// <summary>Writes the batch bodies for <paramref name="emails"/>: <c>{prefix}-001.json</c>, ...</summary>
    /// <param name="emails">The emails; each id becomes a custom_id: unique, 1 to 64 characters of a-z, A-Z, 0-9, _ and -.</param>
    /// <param name="model">The model, for example "claude-haiku-4-5".</param>
    /// <param name="directory">Where the files go (created when missing).</param>
    /// <param name="prefix">File name prefix; defaults to "anthropic-batch".</param>
    /// <param name="limits">Limits per batch; defaults to <see cref="ProviderBatchLimits.Anthropic"/>.</param>
    public static IReadOnlyList<string> WriteRequests(IReadOnlyList<EmailMessage> emails, string model, string directory, string prefix = "anthropic-batch", ProviderBatchLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var requests = BatchFiles.CheckedIds(emails, BatchFiles.AnthropicId, BatchFiles.AnthropicIdRule).Select(email => new JsonObject
        {
            ["custom_id"] = email.Id,
            ["params"] = new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = ClassificationPrompt.MaxOutputTokens,
                ["system"] = ClassificationPrompt.System,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = ClassificationPrompt.User(email) }),
            },
        }.ToJsonString());
        return BatchFiles.WriteSplit(requests, limits ?? ProviderBatchLimits.Anthropic, count => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{count:D3}.json")), jsonLines: false);
    }

    /// <summary>Reads Anthropic result files (JSON Lines, any order) and matches them with the sent ids.</summary>
    /// <exception cref="FormatException">A line is not valid JSON, has no custom_id or is not of a result's shape; the message names file and line.</exception>
    public static ProviderResultReport ReadResults(IEnumerable<string> sentIds, params string[] resultFiles)
    {
        ArgumentNullException.ThrowIfNull(sentIds);
        return ProviderResultReport.Match(sentIds, BatchFiles.ParseEach(BatchFiles.ReadJsonLines(resultFiles), Parse));
    }

    private static ProviderResult Parse((JsonNode Line, string Where) entry)
    {
        var (line, where) = entry;
        var id = (string?)line["custom_id"] ?? throw new FormatException($"{where}: no custom_id.");
        var result = line["result"] ?? throw new FormatException($"{where}: no result.");
        switch ((string?)result["type"])
        {
            case "succeeded":
                var answer = (string?)result["message"]?["content"]?[0]?["text"];
                var category = ClassificationPrompt.ParseAnswer(answer);
                return new ProviderResult(id, category is null ? ProviderResultStatus.Unparsed : ProviderResultStatus.Succeeded, category, answer ?? "");
            case "errored":
                return new ProviderResult(id, ProviderResultStatus.Errored, null, (string?)result["error"]?["error"]?["message"] ?? (string?)result["error"]?["message"] ?? "error");
            case "expired":
                return new ProviderResult(id, ProviderResultStatus.Expired, null, "expired");
            case "canceled":
                return new ProviderResult(id, ProviderResultStatus.Canceled, null, "canceled");
            default:
                throw new FormatException($"{where}: unknown result type '{(string?)result["type"]}'.");
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>
/// OpenAI Batch API files for classifying emails (format in shared/reference/prices.md): input JSON Lines of
/// <c>{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body": {...}}</c>, split at the request and size limits; output and error
/// files read back and matched by custom_id. Writing and reading need no network and no key: upload the files with the OpenAI SDK's file and batch clients.
/// </summary>
public static class OpenAiBatchFile
{
    /// <summary>Writes the requests for <paramref name="emails"/> into as many files as the limits need: <c>{prefix}-001.jsonl</c>, ...</summary>
    /// <param name="emails">The emails; each id becomes a custom_id: not empty, unique.</param>
    /// <param name="model">The chat model, for example "gpt-4o-mini".</param>
    /// <param name="directory">Where the files go (created when missing).</param>
    /// <param name="prefix">File name prefix; defaults to "openai-batch".</param>
    /// <param name="limits">Limits per file; defaults to <see cref="ProviderBatchLimits.OpenAi"/>.</param>
    /// <returns>The files written, in order.</returns>
    /// <exception cref="ArgumentException">No emails, an empty or duplicate id (the message gives its position), or one request larger than the size limit.</exception>
    public static IReadOnlyList<string> WriteRequests(IReadOnlyList<EmailMessage> emails, string model, string directory, string prefix = "openai-batch", ProviderBatchLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var lines = BatchFiles.CheckedIds(emails, BatchFiles.OpenAiId, BatchFiles.OpenAiIdRule).Select(email => new JsonObject
        {
            ["custom_id"] = email.Id,
            ["method"] = "POST",
            ["url"] = "/v1/chat/completions",
            ["body"] = new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = ClassificationPrompt.MaxOutputTokens,
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "system", ["content"] = ClassificationPrompt.System },
                    new JsonObject { ["role"] = "user", ["content"] = ClassificationPrompt.User(email) }),
            },
        }.ToJsonString());
        return BatchFiles.WriteSplit(lines, limits ?? ProviderBatchLimits.OpenAi, count => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{count:D3}.jsonl")), jsonLines: true);
    }

    /// <summary>Reads OpenAI output and error files (JSON Lines, any order) and matches them with the sent ids.</summary>
    /// <param name="sentIds">The custom_ids that were sent.</param>
    /// <param name="resultFiles">The batch's output file and, when there is one, its error file.</param>
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
        var error = line["error"];
        var response = line["response"];
        var status = (int?)response?["status_code"];
        if (error is JsonObject || (status is not null && status != 200))
        {
            var code = (string?)error?["code"] ?? (string?)response?["body"]?["error"]?["code"] ?? "";
            var message = (string?)error?["message"] ?? (string?)response?["body"]?["error"]?["message"] ?? $"status {status}";
            var kind = code == "batch_expired" ? ProviderResultStatus.Expired : code == "batch_cancelled" ? ProviderResultStatus.Canceled : ProviderResultStatus.Errored;
            return new ProviderResult(id, kind, null, message);
        }

        var answer = (string?)response?["body"]?["choices"]?[0]?["message"]?["content"];
        var category = ClassificationPrompt.ParseAnswer(answer);
        return new ProviderResult(id, category is null ? ProviderResultStatus.Unparsed : ProviderResultStatus.Succeeded, category, answer ?? "");
    }
}

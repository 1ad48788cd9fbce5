using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>One request line of a batch input file.</summary>
/// <param name="Line">Its line number, from 1.</param>
/// <param name="CustomId">The caller's id, unique in the file.</param>
/// <param name="Body">The chat completion request.</param>
internal sealed record BatchLine(int Line, string CustomId, JsonNode Body);

/// <summary>
/// Reads a Batch API input file (JSON Lines of {custom_id, method: "POST", url: "/v1/chat/completions", body}) as OpenAI validates it: a file with a line
/// that is not such an object, a repeated custom_id or more than <see cref="MaxLines"/> requests fails as a whole, with one error per bad line
/// (at most 100). A body's own faults (an unknown model, no messages, too many tokens) are not checked here: they fail their own line when it runs.
/// </summary>
internal static class BatchInput
{
    /// <summary>The most requests in one batch, 50,000 (OpenAI's limit).</summary>
    public const int MaxLines = 50_000;

    /// <summary>The request lines, or the validation errors ({code, message, param, line}).</summary>
    public static (IReadOnlyList<BatchLine> Lines, JsonArray? Errors) Read(byte[] content)
    {
        var lines = new List<BatchLine>();
        var errors = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in Encoding.UTF8.GetString(content).Split('\n'))
        {
            number++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            var (line, problem) = ReadLine(raw, number, seen);
            if (problem is not null)
            {
                if (errors.Count < 100)
                {
                    errors.Add(Error(problem.Value.Code, problem.Value.Message, number));
                }
            }
            else
            {
                lines.Add(line!);
            }
        }

        if (errors.Count == 0 && (lines.Count == 0 || lines.Count > MaxLines))
        {
            errors.Add(Error(lines.Count == 0 ? "empty_file" : "too_many_requests",
                lines.Count == 0 ? "The input file holds no requests." : $"The input file holds {lines.Count:N0} requests; a batch takes at most {MaxLines:N0}.", null));
        }

        return (lines, errors.Count == 0 ? null : errors);
    }

    private static (BatchLine? Line, (string Code, string Message)? Problem) ReadLine(string raw, int number, HashSet<string> seen)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(raw);
        }
        catch (JsonException error)
        {
            return (null, ("invalid_json_line", $"Line {number} is not valid JSON ({error.Message})."));
        }

        if (node is not JsonObject request || request["custom_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var customId) || customId.Length == 0)
        {
            return (null, ("missing_required_parameter", $"Line {number} needs a non-empty string \"custom_id\"."));
        }

        if (!seen.Add(customId))
        {
            return (null, ("duplicate_custom_id", $"The custom_id '{customId}' of line {number} appears earlier in the file; every custom_id must be unique."));
        }

        if (!string.Equals(Text(request["method"]), "POST", StringComparison.Ordinal))
        {
            return (null, ("invalid_method", $"Line {number} must have \"method\": \"POST\"."));
        }

        if (!string.Equals(Text(request["url"]), "/v1/chat/completions", StringComparison.Ordinal))
        {
            return (null, ("invalid_url", $"Line {number} has url '{Text(request["url"])}'; this batch's endpoint is /v1/chat/completions."));
        }

        return request["body"] is JsonObject body
            ? (new BatchLine(number, customId, body), null)
            : (null, ("missing_required_parameter", $"Line {number} needs a JSON object \"body\" (the chat completion request)."));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject Error(string code, string message, int? line) =>
        new() { ["code"] = code, ["message"] = message, ["param"] = null, ["line"] = line };
}

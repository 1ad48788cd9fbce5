using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>The lines of a batch's output file (answered requests) and error file (failed and expired requests), in OpenAI's result-line shape.</summary>
internal sealed class BatchResultLines
{
    /// <summary>Lines of the output file.</summary>
    public List<JsonObject> Output { get; } = [];

    /// <summary>Lines of the error file.</summary>
    public List<JsonObject> Errors { get; } = [];

    /// <summary>Requests answered.</summary>
    public int Completed => Output.Count;

    /// <summary>Requests that failed on their own (not counting expired ones).</summary>
    public int Failed { get; private set; }

    /// <summary>An answered request: status 200 and the chat completion.</summary>
    public void Succeeded(BatchLine line, JsonObject completion) =>
        Output.Add(Line(line.CustomId, new JsonObject { ["status_code"] = 200, ["request_id"] = RequestId(), ["body"] = completion }, null));

    /// <summary>A request refused on its own: the status and the OpenAI error body it would have had as a single call.</summary>
    public void Refused(BatchLine line, OpenAiError error)
    {
        Failed++;
        Errors.Add(Line(line.CustomId, new JsonObject { ["status_code"] = error.Status, ["request_id"] = RequestId(), ["body"] = error.ToJson() }, null));
    }

    /// <summary>Requests the window ended before: no response, error batch_expired.</summary>
    public void Expired(IEnumerable<BatchLine> lines)
    {
        foreach (var line in lines)
        {
            Errors.Add(Line(line.CustomId, null, new JsonObject
            {
                ["code"] = "batch_expired", ["message"] = "This request could not be executed before the completion window expired.",
            }));
        }
    }

    private static JsonObject Line(string customId, JsonObject? response, JsonObject? error) => new()
    {
        ["id"] = "batch_req_" + Guid.NewGuid().ToString("N")[..24], ["custom_id"] = customId, ["response"] = response, ["error"] = error,
    };

    private static string RequestId() => "req_" + Guid.NewGuid().ToString("N")[..24];
}

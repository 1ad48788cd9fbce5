using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>
/// An error answered as OpenAI answers it: an HTTP status and the body {"error": {"message", "type", "param", "code"}}, which the official SDKs read
/// into their exceptions. The server answers every bad request this way and goes on serving.
/// </summary>
/// <param name="Status">The HTTP status, for example 400.</param>
/// <param name="Message">What was wrong and how to fix it.</param>
/// <param name="Type">OpenAI's error type, for example "invalid_request_error".</param>
/// <param name="Code">OpenAI's error code, for example "model_not_found"; null when OpenAI sends none.</param>
/// <param name="Param">The request field at fault, or null.</param>
internal sealed record OpenAiError(int Status, string Message, string Type = "invalid_request_error", string? Code = null, string? Param = null)
{
    /// <summary>The JSON body.</summary>
    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject { ["message"] = Message, ["type"] = Type, ["param"] = Param, ["code"] = Code },
    };

    /// <summary>The error as a minimal-API result.</summary>
    public IResult ToResult() => Results.Json(ToJson(), statusCode: Status);

    /// <summary>Writes the error to a response that has not started.</summary>
    public Task WriteAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        return response.WriteAsync(ToJson().ToJsonString(), cancellationToken);
    }

    public static OpenAiError InvalidJson(string detail) =>
        new(400, $"We could not parse the JSON body of your request ({detail}). The OpenAI API expects a JSON payload.");

    public static OpenAiError UnknownModel(string? model, string served) =>
        new(404, $"The model `{model}` does not exist or you do not have access to it. This server serves `{served}`.", Code: "model_not_found", Param: "model");

    public static OpenAiError Missing(string field, string what) => new(400, $"Missing required parameter: '{field}' ({what}).", Param: field);

    public static OpenAiError Invalid(string field, string message) => new(400, message, Param: field);

    public static OpenAiError NotFound(string message) => new(404, message);

    public static OpenAiError ContextLength(int tokens, int limit) => new(400,
        $"This model's maximum context length is {limit:N0} tokens. However, your messages resulted in {tokens:N0} tokens. Please reduce the length of the messages.",
        Code: "context_length_exceeded", Param: "messages");
}

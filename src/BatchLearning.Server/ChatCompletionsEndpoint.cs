using System.Text.Json;
using System.Text.Json.Nodes;
using BatchLearning.Serving;

namespace BatchLearning.Server;

/// <summary>
/// POST /v1/chat/completions: reads the classification prompt, takes its tokens from the caller's budget, waits the latency profile's delay (if any),
/// sends the request's emails through the dynamic batcher and answers a chat completion with usage.
/// </summary>
internal sealed class ChatCompletionsEndpoint(
    ServedClassifier model, InferenceServerOptions options, RateLimits limits, LatencyEmulation latency, TimeProvider time)
{
    /// <summary>Answers one request.</summary>
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (body, invalid) = await ReadJsonAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var (request, error) = ClassificationRequest.Read(body, options.ModelName, model.Tokens);
        error ??= request is null ? null : limits.TakeTokens(context, request.PromptTokens);
        if (error is not null)
        {
            return error.ToResult();
        }

        await latency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var categories = await model.Batcher.SubmitAsync([.. request!.Emails], cancellationToken).ConfigureAwait(false);
            return Results.Json(ChatCompletionJson.Build(request, categories, model.Tokens, time.GetUtcNow()));
        }
        catch (BatcherQueueFullException)
        {
            return new OpenAiError(503, "The server's queue is full; try again shortly.", "server_error", "overloaded").ToResult();
        }
    }

    /// <summary>The body parsed as JSON, or the 400 error saying why it is not JSON.</summary>
    public static async Task<(JsonNode? Body, OpenAiError? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false), null);
        }
        catch (JsonException error)
        {
            return (null, OpenAiError.InvalidJson(error.Message));
        }
    }
}

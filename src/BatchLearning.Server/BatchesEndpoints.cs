using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>POST /v1/batches, GET /v1/batches/{id} and POST /v1/batches/{id}/cancel, as OpenAI's Batch API.</summary>
internal sealed class BatchesEndpoints(FileStore files, BatchRunner runner, InferenceServerOptions options, BatchApiClock clock)
{
    private readonly ConcurrentDictionary<string, BatchJob> _batches = new(StringComparer.Ordinal);

    /// <summary>Creates a batch from an uploaded file ({input_file_id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata}); it starts as validating.</summary>
    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, invalid) = await ChatCompletionsEndpoint.ReadJsonAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var (inputFileId, error) = Check(body as JsonObject);
        if (error is not null)
        {
            return error.ToResult();
        }

        var now = clock.Time.GetUtcNow();
        var job = new BatchJob("batch_" + Guid.NewGuid().ToString("N")[..24], inputFileId!, body!["metadata"], now, now + options.BatchCompletionWindow);
        _batches[job.Id] = job;
        var created = job.ToJson(); // answered as validating, whatever the runner does next
        runner.Enqueue(job);
        return Results.Json(created);
    }

    /// <summary>The batch object.</summary>
    public IResult Get(string id) => _batches.TryGetValue(id, out var job) ? Results.Json(job.ToJson()) : NoSuchBatch(id).ToResult();

    /// <summary>Cancels a batch that has not ended: cancelling, then cancelled once the running chunk is done.</summary>
    public IResult Cancel(string id)
    {
        if (!_batches.TryGetValue(id, out var job))
        {
            return NoSuchBatch(id).ToResult();
        }

        return job.Cancel(clock.Time.GetUtcNow())
            ? Results.Json(job.ToJson())
            : new OpenAiError(409, $"Cannot cancel a batch with status '{job.Status}'.", Code: "invalid_state").ToResult();
    }

    private (string? InputFileId, OpenAiError? Error) Check(JsonObject? body)
    {
        if (body is null)
        {
            return (null, OpenAiError.Invalid("body", "The request body must be a JSON object with input_file_id, endpoint and completion_window."));
        }

        if (Text(body["input_file_id"]) is not { Length: > 0 } inputFileId)
        {
            return (null, OpenAiError.Missing("input_file_id", "the id of a file uploaded with purpose \"batch\""));
        }

        if (files.Find(inputFileId) is not { } file || file.Purpose != "batch")
        {
            return (null, OpenAiError.Invalid("input_file_id", $"No file '{inputFileId}' with purpose \"batch\" was uploaded to this server."));
        }

        if (Text(body["endpoint"]) != "/v1/chat/completions")
        {
            return (null, OpenAiError.Invalid("endpoint", $"endpoint must be \"/v1/chat/completions\" (the only batch endpoint this server runs); got '{Text(body["endpoint"])}'."));
        }

        return Text(body["completion_window"]) == "24h"
            ? (inputFileId, null)
            : (null, OpenAiError.Invalid("completion_window", $"completion_window must be \"24h\"; got '{Text(body["completion_window"])}'."));
    }

    private static OpenAiError NoSuchBatch(string id) => OpenAiError.NotFound($"No batch found with id '{id}'.");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

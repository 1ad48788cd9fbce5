using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>
/// One Batch API batch and its state, changed by <see cref="BatchRunner"/> and read by GET /v1/batches/{id}: validating, then failed (the input file is
/// malformed) or in_progress, then finalizing, then completed, or expired when the window ended first (the lines done are in the output and error files,
/// the rest in the error file as batch_expired); cancelling and cancelled after POST /v1/batches/{id}/cancel. Thread-safe.
/// </summary>
internal sealed class BatchJob(string id, string inputFileId, JsonNode? metadata, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _times = new(StringComparer.Ordinal) { ["created_at"] = createdAt, ["expires_at"] = expiresAt };
    private string _status = "validating";
    private int _total;
    private int _completed;
    private int _failed;
    private string? _outputFileId;
    private string? _errorFileId;
    private JsonArray? _errors;

    public string Id { get; } = id;

    public string InputFileId { get; } = inputFileId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Set by POST /v1/batches/{id}/cancel; the runner stops before its next chunk.</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>The batch's status now.</summary>
    public string Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Moves to <paramref name="status"/> and stamps its time ("in_progress" sets in_progress_at, and so on).</summary>
    public void MoveTo(string status, DateTimeOffset now)
    {
        lock (_gate)
        {
            _status = status;
            _times[status + "_at"] = now;
        }
    }

    /// <summary>Asks the runner to stop; false when the batch has already ended.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status is "completed" or "failed" or "expired" or "cancelled")
            {
                return false;
            }

            CancelRequested = true;
            _status = "cancelling";
            _times["cancelling_at"] = now;
            return true;
        }
    }

    /// <summary>The request counts so far.</summary>
    public void Count(int total, int completed, int failed)
    {
        lock (_gate)
        {
            (_total, _completed, _failed) = (total, completed, failed);
        }
    }

    /// <summary>The result files, once written.</summary>
    public void Files(string? outputFileId, string? errorFileId)
    {
        lock (_gate)
        {
            (_outputFileId, _errorFileId) = (outputFileId, errorFileId);
        }
    }

    /// <summary>Fails the batch at validation with OpenAI's error list ({code, message, param, line}).</summary>
    public void Fail(JsonArray errors, DateTimeOffset now)
    {
        lock (_gate)
        {
            _errors = errors;
            _status = "failed";
            _times["failed_at"] = now;
        }
    }

    /// <summary>The batch object, as OpenAI's Batch API returns it.</summary>
    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var json = new JsonObject
            {
                ["id"] = Id, ["object"] = "batch", ["endpoint"] = "/v1/chat/completions",
                ["errors"] = _errors is null ? null : new JsonObject { ["object"] = "list", ["data"] = _errors.DeepClone() },
                ["input_file_id"] = InputFileId, ["completion_window"] = "24h", ["status"] = _status,
                ["output_file_id"] = _outputFileId, ["error_file_id"] = _errorFileId,
            };
            foreach (var stamp in new[] { "created_at", "in_progress_at", "expires_at", "finalizing_at", "completed_at", "failed_at", "expired_at", "cancelling_at", "cancelled_at" })
            {
                json[stamp] = _times.TryGetValue(stamp, out var time) ? time.ToUnixTimeSeconds() : null;
            }

            json["request_counts"] = new JsonObject { ["total"] = _total, ["completed"] = _completed, ["failed"] = _failed };
            json["metadata"] = metadata?.DeepClone();
            return json;
        }
    }
}

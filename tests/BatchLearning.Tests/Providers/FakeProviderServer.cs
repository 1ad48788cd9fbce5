using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using BatchLearning.Email;

namespace BatchLearning.Tests.Providers;

/// <summary>What the fake provider does with a batch.</summary>
internal sealed record FakeBatchScenario
{
    /// <summary>Status checks answered "in progress" before the batch ends.</summary>
    public int InProgressChecks { get; init; } = 2;

    /// <summary>The batch window ends with only this many requests done (the rest expire); null: all are done.</summary>
    public int? DoneBeforeExpiry { get; init; }

    /// <summary>Every k-th request (1-based) gets an error instead of an answer; 0 for none.</summary>
    public int ErrorEvery { get; init; }

    /// <summary>The first request whose "METHOD /path" starts with this gets a 500 (and must be retried).</summary>
    public string? ServerErrorOnceFor { get; init; }

    /// <summary>Batch creation is refused with a 400 whose message repeats the credentials it received (as a careless proxy might).</summary>
    public bool RefuseCreateEchoingCredentials { get; init; }
}

/// <summary>
/// A local stand-in for the OpenAI (files, batches) and Anthropic (message batches) endpoints, on 127.0.0.1 and a free port, answering the documented
/// request and response shapes. It serves at most <see cref="MaxRequests"/> requests, then stops by itself; every request is recorded.
/// </summary>
internal sealed class FakeProviderServer : IDisposable
{
    public const int MaxRequests = 200;
    private readonly HttpListener listener = new();
    private readonly FakeBatchScenario scenario;
    private readonly IReadOnlyDictionary<string, EmailCategory> answers;
    private readonly ConcurrentDictionary<string, List<string>> files = new();
    private readonly ConcurrentDictionary<string, FakeBatch> batches = new();
    private readonly Task loop;
    private int served;
    private int nextId;
    private bool serverErrorSent;

    public FakeProviderServer(IReadOnlyList<EmailMessage> emails, FakeBatchScenario? scenario = null)
    {
        this.scenario = scenario ?? new FakeBatchScenario();
        answers = emails.ToDictionary(e => e.Id, e => e.Category ?? EmailCategory.Work);
        var port = FreePort();
        Root = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Root.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Root { get; }

    public Uri OpenAiEndpoint => new(Root, "v1");

    public ConcurrentQueue<(string Request, string? Authorization, string? ApiKey, int Status)> Requests { get; } = new();

    public int Count(string prefix) => Requests.Count(r => r.Request.StartsWith(prefix, StringComparison.Ordinal));

    public void Dispose()
    {
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(30));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (served < MaxRequests)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            served++;
            try
            {
                Handle(context);
            }
            catch (Exception error)
            {
                Reply(context, 599, new JsonObject { ["error"] = new JsonObject { ["message"] = "fake server bug: " + error.Message } }.ToJsonString());
            }
        }

        listener.Stop();
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var key = $"{request.HttpMethod} {path}";
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = reader.ReadToEnd();
        var authorization = request.Headers["Authorization"];
        var apiKey = request.Headers["x-api-key"];
        if (scenario.ServerErrorOnceFor is { } failing && !serverErrorSent && key.StartsWith(failing, StringComparison.Ordinal))
        {
            serverErrorSent = true;
            Record(key, authorization, apiKey, 500);
            context.Response.Headers["retry-after-ms"] = "1";
            Reply(context, 500, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "Internal server error" } }.ToJsonString());
            return;
        }

        var (status, reply, contentType) = Route(request.HttpMethod, path, body, authorization ?? apiKey);
        Record(key, authorization, apiKey, status);
        Reply(context, status, reply, contentType);
    }

    private void Record(string key, string? authorization, string? apiKey, int status) => Requests.Enqueue((key, authorization, apiKey, status));

    private (int Status, string Body, string ContentType) Route(string method, string path, string body, string? credentials)
    {
        const string json = "application/json";
        if (scenario.RefuseCreateEchoingCredentials && method == "POST" && (path == "/v1/batches" || path == "/v1/messages/batches"))
        {
            return (400, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = $"bad request sent with {credentials}" } }.ToJsonString(), json);
        }

        switch (method, path)
        {
            case ("POST", "/v1/files"):
            {
                var id = "file-in-" + Interlocked.Increment(ref nextId);
                files[id] = body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("{\"custom_id\"", StringComparison.Ordinal))
                    .Select(l => (string)JsonNode.Parse(l)!["custom_id"]!).ToList();
                return (200, new JsonObject
                {
                    ["id"] = id, ["object"] = "file", ["bytes"] = body.Length, ["created_at"] = 1_772_000_000, ["filename"] = "requests.jsonl", ["purpose"] = "batch", ["status"] = "processed",
                }.ToJsonString(), json);
            }

            case ("POST", "/v1/batches"):
            {
                var input = (string)JsonNode.Parse(body)!["input_file_id"]!;
                var batch = new FakeBatch("batch_" + Interlocked.Increment(ref nextId), files[input], input);
                batches[batch.Id] = batch;
                return (200, OpenAiBatch(batch, "validating").ToJsonString(), json);
            }

            case ("POST", "/v1/messages/batches"):
            {
                var ids = JsonNode.Parse(body)!["requests"]!.AsArray().Select(r => (string)r!["custom_id"]!).ToList();
                var batch = new FakeBatch("msgbatch_" + Interlocked.Increment(ref nextId), ids, null);
                batches[batch.Id] = batch;
                return (200, AnthropicBatch(batch).ToJsonString(), json);
            }
        }

        if (method == "GET" && path.StartsWith("/v1/batches/", StringComparison.Ordinal) && batches.TryGetValue(path["/v1/batches/".Length..], out var openAi))
        {
            openAi.Checks++;
            var status = openAi.Checks <= scenario.InProgressChecks ? "in_progress" : scenario.DoneBeforeExpiry is null ? "completed" : "expired";
            return (200, OpenAiBatch(openAi, status).ToJsonString(), json);
        }

        if (method == "GET" && path.StartsWith("/v1/files/", StringComparison.Ordinal) && path.EndsWith("/content", StringComparison.Ordinal))
        {
            var id = path["/v1/files/".Length..^"/content".Length];
            var batch = batches.Values.Single(b => id == "file-out-" + b.Id || id == "file-err-" + b.Id);
            var lines = batch.Ids.Select((customId, index) => (customId, Outcome: OutcomeOf(index)))
                .Where(r => id.StartsWith("file-out-", StringComparison.Ordinal) ? r.Outcome == "succeeded" : r.Outcome != "succeeded")
                .Select(r => OpenAiResultLine(r.customId, r.Outcome).ToJsonString());
            return (200, string.Concat(lines.Select(l => l + "\n")), "application/octet-stream");
        }

        if (method == "GET" && path.StartsWith("/v1/messages/batches/", StringComparison.Ordinal))
        {
            var rest = path["/v1/messages/batches/".Length..];
            if (rest.EndsWith("/results", StringComparison.Ordinal) && batches.TryGetValue(rest[..^"/results".Length], out var done))
            {
                var lines = done.Ids.Select((customId, index) => AnthropicResultLine(customId, OutcomeOf(index)).ToJsonString()).Reverse();
                return (200, string.Concat(lines.Select(l => l + "\n")), "application/binary");
            }

            if (batches.TryGetValue(rest, out var anthropic))
            {
                anthropic.Checks++;
                return (200, AnthropicBatch(anthropic).ToJsonString(), json);
            }
        }

        return (404, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "not_found_error", ["message"] = $"{method} {path} is not served" } }.ToJsonString(), json);
    }

    // "succeeded", "errored" or "expired" for the request at this position.
    private string OutcomeOf(int index) =>
        scenario.DoneBeforeExpiry is { } done && index >= done ? "expired"
        : scenario.ErrorEvery > 0 && (index + 1) % scenario.ErrorEvery == 0 ? "errored"
        : "succeeded";

    private JsonObject OpenAiBatch(FakeBatch batch, string status)
    {
        var ended = status is "completed" or "expired";
        var outcomes = batch.Ids.Select((_, i) => OutcomeOf(i)).ToList();
        var completed = ended ? outcomes.Count(o => o == "succeeded") : batch.Ids.Count / 2;
        var failed = ended ? outcomes.Count(o => o == "errored") : 0;
        return new JsonObject
        {
            ["id"] = batch.Id, ["object"] = "batch", ["endpoint"] = "/v1/chat/completions", ["errors"] = null, ["input_file_id"] = batch.InputFileId,
            ["completion_window"] = "24h", ["status"] = status,
            ["output_file_id"] = ended && completed > 0 ? "file-out-" + batch.Id : null,
            ["error_file_id"] = ended && completed < batch.Ids.Count ? "file-err-" + batch.Id : null,
            ["created_at"] = 1_772_000_000, ["expires_at"] = 1_772_086_400,
            ["request_counts"] = new JsonObject { ["total"] = batch.Ids.Count, ["completed"] = completed, ["failed"] = failed },
            ["metadata"] = null,
        };
    }

    private JsonObject OpenAiResultLine(string customId, string outcome) => outcome switch
    {
        "succeeded" => new JsonObject
        {
            ["id"] = "batch_req_" + customId, ["custom_id"] = customId,
            ["response"] = new JsonObject
            {
                ["status_code"] = 200, ["request_id"] = "req_" + customId,
                ["body"] = new JsonObject
                {
                    ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["model"] = "gpt-4o-mini",
                    ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answers[customId].ToString() }, ["finish_reason"] = "stop" }),
                },
            },
            ["error"] = null,
        },
        "errored" => new JsonObject
        {
            ["id"] = "batch_req_" + customId, ["custom_id"] = customId,
            ["response"] = new JsonObject { ["status_code"] = 400, ["request_id"] = "req", ["body"] = new JsonObject { ["error"] = new JsonObject { ["message"] = "Invalid request", ["code"] = "invalid_request" } } },
            ["error"] = null,
        },
        _ => new JsonObject
        {
            ["id"] = "batch_req_" + customId, ["custom_id"] = customId, ["response"] = null,
            ["error"] = new JsonObject { ["code"] = "batch_expired", ["message"] = "This request could not be executed before the completion window expired." },
        },
    };

    private JsonObject AnthropicBatch(FakeBatch batch)
    {
        var ended = batch.Checks > scenario.InProgressChecks;
        var outcomes = batch.Ids.Select((_, i) => OutcomeOf(i)).ToList();
        return new JsonObject
        {
            ["id"] = batch.Id, ["type"] = "message_batch", ["processing_status"] = ended ? "ended" : "in_progress",
            ["request_counts"] = new JsonObject
            {
                ["processing"] = ended ? 0 : batch.Ids.Count,
                ["succeeded"] = ended ? outcomes.Count(o => o == "succeeded") : 0,
                ["errored"] = ended ? outcomes.Count(o => o == "errored") : 0,
                ["canceled"] = 0,
                ["expired"] = ended ? outcomes.Count(o => o == "expired") : 0,
            },
            ["ended_at"] = ended ? "2026-03-03T10:00:00Z" : null,
            ["created_at"] = "2026-03-02T10:00:00Z", ["expires_at"] = "2026-03-03T10:00:00Z", ["archived_at"] = null, ["cancel_initiated_at"] = null,
            ["results_url"] = ended ? new Uri(Root, $"v1/messages/batches/{batch.Id}/results").ToString() : null,
        };
    }

    private JsonObject AnthropicResultLine(string customId, string outcome) => new()
    {
        ["custom_id"] = customId,
        ["result"] = outcome switch
        {
            "succeeded" => new JsonObject
            {
                ["type"] = "succeeded",
                ["message"] = new JsonObject
                {
                    ["id"] = "msg_" + customId, ["type"] = "message", ["role"] = "assistant", ["model"] = "claude-haiku-4-5",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answers[customId].ToString() }),
                    ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = 60, ["output_tokens"] = 2 },
                },
            },
            "errored" => new JsonObject
            {
                ["type"] = "errored",
                ["error"] = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "Invalid request" } },
            },
            _ => new JsonObject { ["type"] = "expired" },
        },
    };

    private static void Reply(HttpListenerContext context, int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["request-id"] = "req_" + status.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private sealed class FakeBatch(string id, List<string> ids, string? inputFileId)
    {
        public string Id { get; } = id;

        public List<string> Ids { get; } = ids;

        public string? InputFileId { get; } = inputFileId;

        public int Checks { get; set; }
    }
}

using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Server;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using OpenAI.Files;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ServerErrorTests
{
    private static readonly EmailMessage Email = EmailGenerator.Day(1, new DateOnly(2026, 3, 2), seed: 13)[0];

    [Fact]
    public async Task Every_bad_request_gets_an_OpenAI_shaped_error_and_the_server_goes_on_serving()
    {
        await using var server = await ServerTestBed.StartAsync(["--ContextTokens", "200", "--MaxFileBytes", "1000"]);
        var good = Body("batchlearning-email", ClassificationPrompt.User(Email));
        var cases = new (string Name, HttpMethod Method, string Path, HttpContent? Content, HttpStatusCode Status, string? Code)[]
        {
            ("malformed JSON", HttpMethod.Post, "v1/chat/completions", Json("{\"model\": \"batchlearning-email\", \"messages\": ["), HttpStatusCode.BadRequest, null),
            ("empty body", HttpMethod.Post, "v1/chat/completions", Json(""), HttpStatusCode.BadRequest, null),
            ("unknown model", HttpMethod.Post, "v1/chat/completions", Json(Body("gpt-9", "hello")), HttpStatusCode.NotFound, "model_not_found"),
            ("no messages", HttpMethod.Post, "v1/chat/completions", Json("{\"model\": \"batchlearning-email\"}"), HttpStatusCode.BadRequest, null),
            ("too many tokens", HttpMethod.Post, "v1/chat/completions", Json(Body("batchlearning-email", string.Concat(Enumerable.Repeat("many words here ", 200)))), HttpStatusCode.BadRequest, "context_length_exceeded"),
            ("streaming", HttpMethod.Post, "v1/chat/completions", Json(good.Replace("{", "{\"stream\": true, ", StringComparison.Ordinal)), HttpStatusCode.BadRequest, null),
            ("oversize file", HttpMethod.Post, "v1/files", Upload(new string('x', 5_000)), HttpStatusCode.BadRequest, "file_too_large"),
            ("unknown file", HttpMethod.Get, "v1/files/file-nope/content", null, HttpStatusCode.NotFound, null),
            ("unknown batch", HttpMethod.Get, "v1/batches/batch_nope", null, HttpStatusCode.NotFound, null),
            ("batch of a missing file", HttpMethod.Post, "v1/batches", Json("{\"input_file_id\": \"file-nope\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\"}"), HttpStatusCode.BadRequest, null),
            ("unknown path", HttpMethod.Get, "v1/embeddings", null, HttpStatusCode.NotFound, null),
            ("wrong method", HttpMethod.Delete, "v1/chat/completions", null, HttpStatusCode.NotFound, null),
        };

        foreach (var (name, method, path, content, status, code) in cases)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await server.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{name}: expected {status}, got {response.StatusCode}: {body}");
            var error = JsonNode.Parse(body)!["error"]!.AsObject();
            Assert.True(error.ContainsKey("message") && error.ContainsKey("type") && error.ContainsKey("param") && error.ContainsKey("code"), $"{name}: {body}");
            Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), name);
            Assert.Equal(code, (string?)error["code"]);
            using var next = await server.Http.PostAsync("v1/chat/completions", Json(good));
            Assert.True(next.IsSuccessStatusCode, $"after {name} the server did not answer a good request: {next.StatusCode}");
        }
    }

    [Fact]
    public async Task The_SDK_reads_the_servers_errors_into_its_exceptions()
    {
        await using var server = await ServerTestBed.StartAsync(["--MaxFileBytes", "1000"]);
        var client = server.Client(maxRetries: 0);

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-9").CompleteChatAsync([new UserChatMessage("hello")]));
        Assert.Equal(404, unknown.Status);
        Assert.Contains("model_not_found", unknown.Message, StringComparison.Ordinal);
        var oversize = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(new string('x', 5_000)), "big.jsonl", FileUploadPurpose.Batch));
        Assert.Equal(400, oversize.Status);
        Assert.Contains("1,000 bytes", oversize.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_carries_Retry_After_and_the_SDKs_retry_policy_waits_that_long_then_succeeds()
    {
        await using var server = await ServerTestBed.StartAsync(["--RequestsPerMinute", "1", "--RateLimitWindow", "00:00:02"]);
        var chat = server.Client(maxRetries: 3).GetChatClient("batchlearning-email");

        for (var i = 0; i < 3; i++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(ClassificationPrompt.User(Email))]);
            Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        }

        var tries = server.Tries.ToList();
        var limited = tries.Select((t, i) => (Try: t, Index: i)).Where(t => t.Try.Status == 429).ToList();
        Assert.NotEmpty(limited);
        foreach (var (refused, index) in limited)
        {
            Assert.Equal("3", refused.RetryAfter); // the 2 s window and a second
            var retry = tries[index + 1];
            Assert.True(retry.At - refused.At >= TimeSpan.FromSeconds(2.9), $"the client retried after {(retry.At - refused.At).TotalSeconds:0.00} s; Retry-After said 3 s");
        }

        Assert.Equal(200, tries[^1].Status);
        Assert.Equal(limited.Count, (long)(await server.MetricsAsync())["rate_limited"]!["requests"]!);
    }

    [Fact]
    public async Task A_spent_token_budget_is_refused_with_429_and_a_Retry_After_of_the_window()
    {
        await using var server = await ServerTestBed.StartAsync(["--TokensPerMinute", "150", "--RateLimitWindow", "00:00:30"]);
        var chat = server.Client(maxRetries: 0).GetChatClient("batchlearning-email");
        var message = new UserChatMessage(ClassificationPrompt.User(Email));

        var refused = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await chat.CompleteChatAsync([message]);
            }
        });

        Assert.Equal(429, refused.Status);
        Assert.Contains("tokens per min (TPM)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("31", refused.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter) ? retryAfter : null);
    }

    [Fact]
    public void A_non_loopback_address_is_refused_unless_allowed()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ServerProgram.Build(["--Host", "0.0.0.0", "--Model", ServerTestBed.ModelFolder]));
        Assert.Contains("--AllowRemote true", refused.Message, StringComparison.Ordinal);
        var ranges = Assert.Throws<OptionsValidationException>(() => ServerProgram.Build(["--Port", "70000", "--MaxBatchSize", "0", "--LatencyProfile", "fast"]));
        Assert.Contains("Port must be from 0 to 65,535", ranges.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize must be from 1 to 4,096; got 0", ranges.Message, StringComparison.Ordinal);
        Assert.Contains("'emulate-gpt-4o-mini'", ranges.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_setting_ends_the_program_with_exit_code_78()
    {
        Assert.Equal(ServerProgram.InvalidConfiguration, await ServerProgram.RunAsync(["--Host", "192.168.1.10"]));
    }

    private static string Body(string model, string user) => new JsonObject
    {
        ["model"] = model, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = user }),
    }.ToJsonString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Upload(string text)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        return new MultipartFormDataContent { { new StringContent("batch"), "purpose" }, { file, "file", "big.jsonl" } };
    }
}

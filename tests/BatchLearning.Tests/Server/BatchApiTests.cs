using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

namespace BatchLearning.Tests.Server;

#pragma warning disable OPENAI001 // The SDK marks its batch client as evaluation API; its wire format is the documented Batch API.
[Collection(ServerCollection.Name)]
public sealed class BatchApiTests
{
    private static readonly IReadOnlyList<EmailMessage> Mail = EmailGenerator.Day(30, new DateOnly(2026, 3, 2), seed: 12);

    [Fact]
    public async Task A_batch_goes_from_validating_to_completed_with_answers_in_the_output_file_and_a_bad_line_in_the_error_file()
    {
        await using var server = await ServerTestBed.StartAsync(["--BatchApiChunkSize", "4"]);
        var client = server.Client();
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);
        var lines = Mail.Take(9).Select((e, i) => Line($"r{i}", [e])).Append(Line("packed", [.. Mail.Skip(9).Take(3)])).Append(Line("bad-model", [Mail[0]], "gpt-9")).ToList();

        var (batchId, created) = await CreateAsync(client, lines);
        Assert.Equal("validating", (string)created["status"]!);
        var batch = await PollAsync(client, batchId, status => status is "completed" or "failed" or "expired");

        Assert.Equal("completed", (string)batch["status"]!);
        Assert.Equal(11, (int)batch["request_counts"]!["total"]!);
        Assert.Equal(10, (int)batch["request_counts"]!["completed"]!);
        Assert.Equal(1, (int)batch["request_counts"]!["failed"]!);
        Assert.NotNull(batch["in_progress_at"]);
        Assert.NotNull(batch["completed_at"]);
        var output = await DownloadAsync(client, (string)batch["output_file_id"]!);
        Assert.Equal(10, output.Count);
        foreach (var line in output.Where(l => (string)l["custom_id"]! != "packed"))
        {
            var email = Mail[int.Parse(((string)line["custom_id"]!)[1..], System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(200, (int)line["response"]!["status_code"]!);
            Assert.Equal(classifier.Classify([email])[0].ToString(), (string)line["response"]!["body"]!["choices"]![0]!["message"]!["content"]!);
        }

        var packed = output.Single(l => (string)l["custom_id"]! == "packed");
        var parsed = PackedClassificationPrompt.Parse((string)packed["response"]!["body"]!["choices"]![0]!["message"]!["content"]!, 3);
        Assert.Equal(classifier.Classify([.. Mail.Skip(9).Take(3)]).Select(c => (EmailCategory?)c), parsed.Categories);
        var error = Assert.Single(await DownloadAsync(client, (string)batch["error_file_id"]!));
        Assert.Equal("bad-model", (string)error["custom_id"]!);
        Assert.Equal(404, (int)error["response"]!["status_code"]!);
        Assert.Equal("model_not_found", (string)error["response"]!["body"]!["error"]!["code"]!);
    }

    [Fact]
    public async Task A_batch_whose_window_ends_expires_with_the_lines_done_answered_and_the_rest_marked_batch_expired()
    {
        // The Batch API's clock is a fake one: chunks of 2 lines 1 s apart, a 1.5 s window. Chunk 1 runs at 0 s, chunk 2 at 1 s, then the window has ended.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerTestBed.StartAsync(
            ["--BatchApiChunkSize", "2", "--BatchApiChunkInterval", "00:00:01", "--BatchCompletionWindow", "00:00:01.500"],
            builder => builder.Services.AddSingleton(new BatchApiClock(clock)));
        var client = server.Client();
        var lines = new[] { Line("a", [Mail[0]]), Line("b", [Mail[1]]), Line("c", [Mail[2]], "gpt-9"), Line("d", [Mail[3]]), Line("e", [Mail[4]]), Line("f", [Mail[5]]) };

        var (batchId, _) = await CreateAsync(client, lines);
        var first = await PollAsync(client, batchId, _ => true, b => (int)b["request_counts"]!["completed"]! == 2);
        Assert.Equal("in_progress", (string)first["status"]!);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await PollAsync(client, batchId, _ => true, b => (int)b["request_counts"]!["failed"]! == 1);
        Assert.Equal(3, (int)second["request_counts"]!["completed"]!);
        clock.Advance(TimeSpan.FromSeconds(1));
        var batch = await PollAsync(client, batchId, status => status == "expired");

        Assert.Equal(new { total = 6, completed = 3, failed = 1 }, new { total = (int)batch["request_counts"]!["total"]!, completed = (int)batch["request_counts"]!["completed"]!, failed = (int)batch["request_counts"]!["failed"]! });
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), (long)batch["expired_at"]!);
        Assert.Equal(["a", "b", "d"], (await DownloadAsync(client, (string)batch["output_file_id"]!)).Select(l => (string)l["custom_id"]!));
        var errors = await DownloadAsync(client, (string)batch["error_file_id"]!);
        Assert.Equal(["c", "e", "f"], errors.Select(l => (string)l["custom_id"]!));
        Assert.Equal(404, (int)errors[0]["response"]!["status_code"]!);
        Assert.All(errors.Skip(1), l => Assert.Equal("batch_expired", (string)l["error"]!["code"]!));
        Assert.All(errors.Skip(1), l => Assert.Null(l["response"]));
    }

    [Fact]
    public async Task A_window_holds_as_many_chunks_as_slots_fit_in_it_even_when_the_machine_runs_them_late()
    {
        // Slots every 1 s from creation in a 2.5 s window: chunks at 0, 1 and 2 s. The clock jumps to 2.6 s after the first chunk, as if the machine had
        // stalled; the two slots already owed still run (late), so the count does not depend on this machine's speed, and the fourth chunk's slot (3 s) does not.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerTestBed.StartAsync(
            ["--BatchApiChunkSize", "2", "--BatchApiChunkInterval", "00:00:01", "--BatchCompletionWindow", "00:00:02.500"],
            builder => builder.Services.AddSingleton(new BatchApiClock(clock)));
        var client = server.Client();
        var (batchId, _) = await CreateAsync(client, Mail.Take(8).Select((e, i) => Line($"r{i}", [e])));
        await PollAsync(client, batchId, _ => true, b => (int)b["request_counts"]!["completed"]! == 2);

        clock.Advance(TimeSpan.FromSeconds(2.6));
        var batch = await PollAsync(client, batchId, status => status == "expired");

        Assert.Equal(6, (int)batch["request_counts"]!["completed"]!);
        Assert.Equal(["r6", "r7"], (await DownloadAsync(client, (string)batch["error_file_id"]!)).Select(l => (string)l["custom_id"]!));
    }

    [Fact]
    public async Task A_cancelled_batch_stops_after_its_running_chunk_and_keeps_the_answers_it_has()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerTestBed.StartAsync(["--BatchApiChunkSize", "2", "--BatchApiChunkInterval", "00:00:01"],
            builder => builder.Services.AddSingleton(new BatchApiClock(clock)));
        var client = server.Client();
        var (batchId, _) = await CreateAsync(client, Mail.Take(6).Select((e, i) => Line($"r{i}", [e])));
        await PollAsync(client, batchId, _ => true, b => (int)b["request_counts"]!["completed"]! == 2);

        using var response = await server.Http.PostAsync($"v1/batches/{batchId}/cancel", null);
        var cancelling = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        clock.Advance(TimeSpan.FromSeconds(1));
        var batch = await PollAsync(client, batchId, status => status == "cancelled");

        Assert.Equal("cancelling", (string)cancelling["status"]!);
        Assert.Equal(2, (int)batch["request_counts"]!["completed"]!);
        Assert.NotNull(batch["cancelled_at"]);
        Assert.Equal(["r0", "r1"], (await DownloadAsync(client, (string)batch["output_file_id"]!)).Select(l => (string)l["custom_id"]!));
        using var again = await server.Http.PostAsync($"v1/batches/{batchId}/cancel", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_malformed_input_file_fails_the_batch_with_one_error_per_bad_line()
    {
        await using var server = await ServerTestBed.StartAsync();
        var client = server.Client();
        var lines = new[] { Line("a", [Mail[0]]), "{not json", Line("a", [Mail[1]]), Line("c", [Mail[2]]).Replace("/v1/chat/completions", "/v1/embeddings", StringComparison.Ordinal) };

        var (batchId, _) = await CreateAsync(client, lines);
        var batch = await PollAsync(client, batchId, status => status is "failed" or "completed");

        Assert.Equal("failed", (string)batch["status"]!);
        var errors = batch["errors"]!["data"]!.AsArray();
        Assert.Equal([2, 3, 4], errors.Select(e => (int)e!["line"]!));
        Assert.Equal(["invalid_json_line", "duplicate_custom_id", "invalid_url"], errors.Select(e => (string)e!["code"]!));
        Assert.Null(batch["output_file_id"]);
    }

    internal static string Line(string customId, IReadOnlyList<EmailMessage> emails, string model = "batchlearning-email") => new JsonObject
    {
        ["custom_id"] = customId, ["method"] = "POST", ["url"] = "/v1/chat/completions",
        ["body"] = new JsonObject
        {
            ["model"] = model, ["max_tokens"] = ClassificationPrompt.MaxOutputTokens * emails.Count,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = PackedClassificationPrompt.SystemFor(emails.Count) },
                new JsonObject { ["role"] = "user", ["content"] = PackedClassificationPrompt.User(emails) }),
        },
    }.ToJsonString();

    private static async Task<(string Id, JsonObject Created)> CreateAsync(OpenAIClient client, IEnumerable<string> lines)
    {
        var file = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(string.Concat(lines.Select(l => l + "\n"))), "requests.jsonl", FileUploadPurpose.Batch);
        using var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new Dictionary<string, string>
        {
            ["input_file_id"] = file.Value.Id, ["endpoint"] = "/v1/chat/completions", ["completion_window"] = "24h",
        }));
        var operation = await client.GetBatchClient().CreateBatchAsync(body, waitUntilCompleted: false, new RequestOptions());
        return (operation.BatchId, (JsonObject)JsonNode.Parse(operation.GetRawResponse().Content.ToString())!);
    }

    // Polls GET /v1/batches/{id} (at most HangGuard) until the status and the counts satisfy the conditions.
    private static async Task<JsonObject> PollAsync(OpenAIClient client, string batchId, Func<string, bool> status, Func<JsonObject, bool>? counts = null)
    {
        var deadline = DateTimeOffset.UtcNow + ServerTestBed.HangGuard;
        while (true)
        {
            var result = await client.GetBatchClient().GetBatchAsync(batchId, new RequestOptions());
            var batch = (JsonObject)JsonNode.Parse(result.GetRawResponse().Content.ToString())!;
            if (status((string)batch["status"]!) && (counts is null || counts(batch)))
            {
                return batch;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The batch did not reach the expected state in time: " + batch.ToJsonString());
            await Task.Delay(20);
        }
    }

    private static async Task<List<JsonObject>> DownloadAsync(OpenAIClient client, string fileId)
    {
        BinaryData content = await client.GetOpenAIFileClient().DownloadFileAsync(fileId);
        return [.. Encoding.UTF8.GetString(content.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!)];
    }
}

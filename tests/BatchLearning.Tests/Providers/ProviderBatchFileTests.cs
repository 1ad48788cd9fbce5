using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Providers;

public sealed class ProviderBatchFileTests
{
    private static readonly IReadOnlyList<EmailMessage> Emails = EmailGenerator.Day(250, new DateOnly(2026, 3, 2), seed: 5);

    [Fact]
    public void OpenAi_requests_round_trip_through_shuffled_results_with_every_custom_id_matched()
    {
        var folder = Repository.NewTemporaryFolder();
        var files = OpenAiBatchFile.WriteRequests(Emails, "gpt-4o-mini", folder);
        var requests = files.SelectMany(File.ReadLines).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Single(files);
        Assert.Equal(Emails.Select(e => e.Id), requests.Select(r => (string?)r["custom_id"]));
        Assert.Equal("/v1/chat/completions", (string?)requests[0]["url"]);
        Assert.Equal("gpt-4o-mini", (string?)requests[0]["body"]!["model"]);

        // The provider's output: answers in a shuffled order, one error and one expiry in the error file.
        var shuffled = Emails.Skip(2).OrderBy(e => e.Id.GetHashCode(StringComparison.Ordinal)).ToList();
        var output = Path.Combine(folder, "output.jsonl");
        File.WriteAllLines(output, shuffled.Select(e => new JsonObject
        {
            ["id"] = "batch_req_" + e.Id,
            ["custom_id"] = e.Id,
            ["response"] = new JsonObject { ["status_code"] = 200, ["request_id"] = "r", ["body"] = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["content"] = e.Category.ToString() } }) } },
            ["error"] = null,
        }.ToJsonString()));
        var errors = Path.Combine(folder, "errors.jsonl");
        File.WriteAllLines(errors,
        [
            new JsonObject { ["custom_id"] = Emails[0].Id, ["response"] = null, ["error"] = new JsonObject { ["code"] = "batch_expired", ["message"] = "This request could not be executed before the completion window expired." } }.ToJsonString(),
            new JsonObject { ["custom_id"] = Emails[1].Id, ["response"] = new JsonObject { ["status_code"] = 400, ["body"] = new JsonObject { ["error"] = new JsonObject { ["message"] = "bad request", ["code"] = "invalid" } } }, ["error"] = null }.ToJsonString(),
        ]);

        var report = OpenAiBatchFile.ReadResults(Emails.Select(e => e.Id), output, errors);

        Assert.Equal(Emails.Select(e => e.Id), report.Results.Select(r => r.CustomId));
        Assert.Equal(ProviderResultStatus.Expired, report.Results[0].Status);
        Assert.Equal(ProviderResultStatus.Errored, report.Results[1].Status);
        Assert.Equal(248, report.Count(ProviderResultStatus.Succeeded));
        Assert.All(report.Results.Skip(2).Zip(Emails.Skip(2)), pair => Assert.Equal(pair.Second.Category, pair.First.Category));
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unknown);
    }

    [Fact]
    public void Anthropic_results_in_any_order_are_matched_and_an_unknown_custom_id_is_reported()
    {
        var folder = Repository.NewTemporaryFolder();
        var files = AnthropicBatchFile.WriteRequests(Emails, "claude-haiku-4-5", folder);
        var body = JsonNode.Parse(File.ReadAllText(files[0]))!;
        Assert.Equal(250, body["requests"]!.AsArray().Count);
        Assert.Equal(ClassificationPrompt.System, (string?)body["requests"]![0]!["params"]!["system"]);

        var results = Path.Combine(folder, "results.jsonl");
        var lines = Emails.Skip(1).Reverse().Select(e => new JsonObject
        {
            ["custom_id"] = e.Id,
            ["result"] = new JsonObject { ["type"] = "succeeded", ["message"] = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = e.Category + "." }) } },
        }.ToJsonString()).Append(new JsonObject { ["custom_id"] = "never-sent", ["result"] = new JsonObject { ["type"] = "expired" } }.ToJsonString());
        File.WriteAllLines(results, lines);

        var report = AnthropicBatchFile.ReadResults(Emails.Select(e => e.Id), results);

        Assert.Equal(249, report.Count(ProviderResultStatus.Succeeded));
        Assert.Equal([Emails[0].Id], report.Missing);
        Assert.Equal(["never-sent"], report.Unknown);
        Assert.Equal(Emails.Skip(1).Select(e => e.Category), report.Results.Select(r => r.Category));
    }

    [Fact]
    public void Files_are_split_at_the_request_and_size_limits()
    {
        var folder = Repository.NewTemporaryFolder();

        var byCount = OpenAiBatchFile.WriteRequests(Emails, "gpt-4o-mini", folder, "count", new ProviderBatchLimits(MaxRequests: 100, MaxBytes: 200_000_000));
        var bySize = AnthropicBatchFile.WriteRequests(Emails, "claude-haiku-4-5", folder, "size", new ProviderBatchLimits(MaxRequests: 100_000, MaxBytes: 20_000));

        Assert.Equal([100, 100, 50], byCount.Select(f => File.ReadLines(f).Count()));
        Assert.True(bySize.Count > 1);
        Assert.All(bySize, f => Assert.True(new FileInfo(f).Length <= 20_000, $"{f} is {new FileInfo(f).Length} bytes"));
        Assert.Equal(250, bySize.Sum(f => JsonNode.Parse(File.ReadAllText(f))!["requests"]!.AsArray().Count));
        Assert.Throws<ArgumentException>(() => OpenAiBatchFile.WriteRequests([Emails[0] with { Body = new string('x', 5000) }], "m", folder, "tiny", new ProviderBatchLimits(10, 1024)));
        Assert.Throws<ArgumentException>(() => OpenAiBatchFile.WriteRequests([Emails[0], Emails[0]], "m", folder));
    }

    [Fact]
    public void A_malformed_result_line_is_refused_naming_file_and_line()
    {
        var folder = Repository.NewTemporaryFolder();
        var results = Path.Combine(folder, "results.jsonl");
        File.WriteAllLines(results, ["{\"custom_id\": \"a\", \"result\": {\"type\": \"expired\"}}", "{not json"]);

        var error = Assert.Throws<FormatException>(() => AnthropicBatchFile.ReadResults(["a"], results));

        Assert.Contains("results.jsonl line 2", error.Message);
    }
}

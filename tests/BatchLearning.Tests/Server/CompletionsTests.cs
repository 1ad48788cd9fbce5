using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BatchLearning.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class CompletionsTests
{
    private static readonly string[] Prompts = ["Re: ", "Meet", "Your", "Inv", "Sale", "Hi", "Pro", "Win", "Week", "New", "Up", "Fw"];

    [Fact]
    public async Task Concurrent_completions_share_the_continuous_batching_steps_and_get_the_lines_they_get_alone()
    {
        await using var server = await ServerTestBed.StartAsync(["--Completions", "true"]);
        var alone = new List<string>();
        foreach (var prompt in Prompts)
        {
            alone.Add(await CompleteAsync(server, prompt));
        }

        var together = await Task.WhenAll(Prompts.Select(p => CompleteAsync(server, p))).WaitAsync(ServerTestBed.HangGuard);

        // Greedy decoding gives the same line in a batch as alone, except at a near tie, where batched float arithmetic may pick the other character.
        Assert.True(alone.Zip(together).Count(p => p.First == p.Second) >= Prompts.Length - 2, $"alone: {string.Join(" | ", alone)}; together: {string.Join(" | ", together)}");
        var loop = (await server.MetricsAsync())["continuous_batching"]!;
        var sizes = loop["step_size_counts"]!.AsObject().Select(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(sizes.Max() > 1, "concurrent requests should share steps: " + loop.ToJsonString());
    }

    [Fact]
    public async Task Bad_completion_requests_get_OpenAI_shaped_errors()
    {
        await using var server = await ServerTestBed.StartAsync(["--Completions", "true"]);

        var unknownCharacter = await PostAsync(server, new JsonObject { ["model"] = "batchlearning-chars", ["prompt"] = "€", ["max_tokens"] = 4 });
        var tooLong = await PostAsync(server, new JsonObject { ["model"] = "batchlearning-chars", ["prompt"] = "Hi", ["max_tokens"] = 1_000 });
        var otherModel = await PostAsync(server, new JsonObject { ["model"] = "batchlearning-email", ["prompt"] = "Hi" });

        Assert.Equal((HttpStatusCode.BadRequest, "prompt"), (unknownCharacter.Status, (string?)unknownCharacter.Body["error"]!["param"]));
        Assert.Contains("'€'", (string)unknownCharacter.Body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "max_tokens"), (tooLong.Status, (string?)tooLong.Body["error"]!["param"]));
        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (otherModel.Status, (string?)otherModel.Body["error"]!["code"]));
    }

    [Fact]
    public async Task Without_the_Completions_setting_the_endpoint_says_how_to_turn_it_on()
    {
        await using var server = await ServerTestBed.StartAsync();

        var (status, body) = await PostAsync(server, new JsonObject { ["model"] = "batchlearning-chars", ["prompt"] = "Hi" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("--Completions true", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    private static async Task<string> CompleteAsync(ServerTestBed server, string prompt)
    {
        var (status, body) = await PostAsync(server, new JsonObject { ["model"] = "batchlearning-chars", ["prompt"] = prompt, ["max_tokens"] = 60 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text_completion", (string)body["object"]!);
        return (string)body["choices"]![0]!["text"]!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(ServerTestBed server, JsonObject request)
    {
        using var response = await server.Http.PostAsJsonAsync("v1/completions", request);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

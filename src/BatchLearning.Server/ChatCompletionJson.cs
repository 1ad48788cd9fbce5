using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Prompts;

namespace BatchLearning.Server;

/// <summary>The body of a chat completion, as OpenAI's /v1/chat/completions returns it (and as a Batch API output line holds it).</summary>
internal static class ChatCompletionJson
{
    /// <summary>
    /// The answer to <paramref name="request"/>: the category alone for one email, "1: Work\n2: Spam..." for k (<see cref="PackedClassificationPrompt.Answer"/>),
    /// with usage counted in o200k_base tokens: the prompt's, and the answer's as completion tokens.
    /// </summary>
    public static JsonObject Build(ClassificationRequest request, IReadOnlyList<EmailCategory> categories, TokenCounter tokens, DateTimeOffset now)
    {
        var answer = PackedClassificationPrompt.Answer(categories);
        var completionTokens = tokens.Count(answer);
        return new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = now.ToUnixTimeSeconds(),
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = request.PromptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = request.PromptTokens + completionTokens,
            },
            ["system_fingerprint"] = null,
        };
    }
}

using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>
/// POST /v1/completions (OpenAI's legacy text completions) with notebook 07's character model behind the <see cref="ContinuousBatcher"/>: {model, prompt, max_tokens}
/// in, the generated line out (it stops at a newline). Tokens are the model's own, characters: usage counts them, not o200k_base.
/// </summary>
internal sealed class CompletionsEndpoint(ContinuousBatcher? batcher, InferenceServerOptions options, RateLimits limits, TimeProvider time)
{
    /// <summary>max_tokens when the request gives none: 16, as OpenAI's legacy completions.</summary>
    public const int DefaultMaxTokens = 16;

    /// <summary>Answers one request.</summary>
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (batcher is null)
        {
            return OpenAiError.NotFound("This server answers /v1/completions only when started with --Completions true.").ToResult();
        }

        var (body, invalid) = await ChatCompletionsEndpoint.ReadJsonAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var (prompt, maxTokens, error) = invalid is null ? Read(body as JsonObject, batcher) : (null, 0, invalid);
        error ??= limits.TakeTokens(context, prompt?.Count ?? 0);
        if (error is not null)
        {
            return error.ToResult();
        }

        var sequence = await batcher.SubmitAsync(prompt!, maxTokens, context.RequestAborted).ConfigureAwait(false);
        var text = batcher.Model.ToText(sequence.Tokens);
        return Results.Json(new JsonObject
        {
            ["id"] = "cmpl-" + Guid.NewGuid().ToString("N"), ["object"] = "text_completion", ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = options.CompletionsModelName,
            ["choices"] = new JsonArray(new JsonObject { ["text"] = text, ["index"] = 0, ["logprobs"] = null, ["finish_reason"] = sequence.Stopped ? "stop" : "length" }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = prompt!.Count, ["completion_tokens"] = sequence.Tokens.Count + (sequence.Stopped ? 1 : 0),
                ["total_tokens"] = prompt.Count + sequence.Tokens.Count + (sequence.Stopped ? 1 : 0),
            },
        });
    }

    // The prompt's tokens and max_tokens, or the error saying what is wrong.
    private (IReadOnlyList<int>? Prompt, int MaxTokens, OpenAiError? Error) Read(JsonObject? body, ContinuousBatcher loop)
    {
        if (body?["model"] is not JsonValue model || !model.TryGetValue<string>(out var name) || name != options.CompletionsModelName)
        {
            return (null, 0, OpenAiError.UnknownModel(body?["model"]?.ToString(), options.CompletionsModelName));
        }

        var text = body["prompt"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var one) => one,
            JsonArray { Count: 1 } array when array[0] is JsonValue first && first.TryGetValue<string>(out var only) => only,
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return (null, 0, OpenAiError.Missing("prompt", "one non-empty string"));
        }

        var maxTokens = body["max_tokens"] is JsonValue max && max.TryGetValue<int>(out var given) ? given : DefaultMaxTokens;
        if (maxTokens < 1 || text.Length + maxTokens > loop.Model.ContextLength)
        {
            return (null, 0, OpenAiError.Invalid("max_tokens", $"max_tokens must be at least 1, and the prompt ({text.Length} characters) plus max_tokens at most the model's context of {loop.Model.ContextLength} characters; got {maxTokens}."));
        }

        try
        {
            return (loop.Model.ToTokens(text), maxTokens, null);
        }
        catch (ArgumentException unknown)
        {
            return (null, 0, OpenAiError.Invalid("prompt", unknown.Message.Replace($" (Parameter '{unknown.ParamName}')", "", StringComparison.Ordinal)));
        }
    }
}

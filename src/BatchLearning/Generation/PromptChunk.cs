namespace BatchLearning.Generation;

/// <summary>
/// A part of a request's prompt for one prefill pass: <see cref="Count"/> tokens from <see cref="Start"/>. A whole prompt is one chunk from 0;
/// chunked prefill reads a long prompt in several passes, each continuing from the state the previous chunk left (as vLLM does within a token budget).
/// </summary>
public sealed record PromptChunk
{
    /// <summary>A chunk of <paramref name="request"/>'s prompt.</summary>
    /// <param name="request">The request whose prompt is read.</param>
    /// <param name="start">The first prompt position read, from 0 to the prompt's length - 1.</param>
    /// <param name="count">How many tokens, at least 1 and at most the rest of the prompt.</param>
    /// <exception cref="ArgumentOutOfRangeException">The chunk does not lie inside the prompt (the message gives the valid range).</exception>
    public PromptChunk(GenerationRequest request, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (start < 0 || start >= request.Prompt.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, GenerationRequest.Text($"Request {request.Id}: start must be from 0 to {request.Prompt.Count - 1} (its prompt has {request.Prompt.Count} tokens); got {start}."));
        }

        if (count < 1 || count > request.Prompt.Count - start)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, GenerationRequest.Text($"Request {request.Id}: count must be from 1 to {request.Prompt.Count - start} (the prompt's tokens from {start}); got {count}."));
        }

        (Request, Start, Count) = (request, start, count);
    }

    /// <summary>The request whose prompt is read.</summary>
    public GenerationRequest Request { get; }

    /// <summary>The first prompt position read.</summary>
    public int Start { get; }

    /// <summary>How many tokens are read.</summary>
    public int Count { get; }

    /// <summary>Whether this chunk reads the prompt's last token, so that the pass generates the request's next token.</summary>
    public bool EndsPrompt => Start + Count == Request.Prompt.Count;

    /// <summary>The whole prompt of <paramref name="request"/> as one chunk.</summary>
    /// <param name="request">The request.</param>
    public static PromptChunk Whole(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PromptChunk(request, 0, request.Prompt.Count);
    }
}

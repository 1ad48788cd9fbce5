namespace BatchLearning.Generation;

/// <summary>
/// A model that generates one token per sequence per forward pass, keeping each sequence's state (a GRU's hidden state, a transformer's key/value cache)
/// between passes, keyed by the request's id. <see cref="GenerationScheduler"/> decides which sequences share a pass.
/// </summary>
public interface IGenerationEngine
{
    /// <summary>The most tokens one sequence may hold, prompt and generated tokens together.</summary>
    int ContextLength { get; }

    /// <summary>Processes the prompts of newly admitted requests in one batch (padded to the longest) and returns each one's first generated token.</summary>
    IReadOnlyList<int> Prefill(IReadOnlyList<GenerationRequest> requests);

    /// <summary>
    /// Processes prompt chunks in one batch (padded to the longest): a chunk from position 0 starts the request's state, a later one continues it.
    /// Returns, for each chunk that ends its prompt, the request's next generated token, and -1 for the others (chunked prefill's earlier parts).
    /// </summary>
    IReadOnlyList<int> PrefillChunks(IReadOnlyList<PromptChunk> chunks);

    /// <summary>One forward pass over the given sequences: each consumes its last token and returns its next one.</summary>
    IReadOnlyList<int> Decode(IReadOnlyList<int> requestIds);

    /// <summary>Frees a finished sequence's state.</summary>
    void Release(int requestId);
}

namespace BatchLearning.Generation;

/// <summary>
/// An engine without a model, for the simulator: its tokens are a fixed function of the request and of how many tokens the sequence has read
/// (so exactness checks still work, and a sequence recomputed after a preemption continues with the same tokens), and time comes from
/// <see cref="GenerationClock.Modeled"/>.
/// </summary>
/// <param name="contextLength">The context length it claims, at least 2; defaults to 128.</param>
public sealed class SimulatedEngine(int contextLength = 128) : IGenerationEngine
{
    // Tokens each live sequence has read: its prompt (or the chunks of it read so far), then one per decode.
    private readonly Dictionary<int, int> _read = [];

    /// <inheritdoc />
    public int ContextLength { get; } = contextLength >= 2 ? contextLength
        : throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, GenerationRequest.Text($"contextLength must be at least 2; got {contextLength}."));

    /// <summary>The token generated for request <paramref name="requestId"/> after the sequence has read <paramref name="tokensRead"/> tokens.</summary>
    public static int TokenAt(int requestId, int tokensRead) => (int)((uint)(requestId * 7919 + tokensRead * 104_729) % 97);

    /// <inheritdoc />
    public IReadOnlyList<int> Prefill(IReadOnlyList<GenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return PrefillChunks(requests.Select(PromptChunk.Whole).ToList());
    }

    /// <inheritdoc />
    public IReadOnlyList<int> PrefillChunks(IReadOnlyList<PromptChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var next = new int[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            var (id, start) = (chunks[i].Request.Id, chunks[i].Start);
            var read = start == 0 ? 0 : _read.TryGetValue(id, out var before) ? before
                : throw new InvalidOperationException(GenerationRequest.Text($"Request {id}: a chunk from position {start} needs the state of the chunks before it; prefill from 0 first."));
            _read[id] = read + chunks[i].Count;
            next[i] = chunks[i].EndsPrompt ? TokenAt(id, _read[id]) : -1;
        }

        return next;
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Decode(IReadOnlyList<int> requestIds)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        return requestIds.Select(id => TokenAt(id, ++_read[id])).ToList();
    }

    /// <inheritdoc />
    public void Release(int requestId) => _read.Remove(requestId);
}

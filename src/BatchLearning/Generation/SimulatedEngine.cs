namespace BatchLearning.Generation;

/// <summary>
/// An engine without a model, for the simulator: its tokens are a fixed function of the request and the position (so exactness checks still work),
/// and time comes from <see cref="GenerationClock.Modeled"/>.
/// </summary>
/// <param name="contextLength">The context length it claims, at least 2; defaults to 128.</param>
public sealed class SimulatedEngine(int contextLength = 128) : IGenerationEngine
{
    private readonly Dictionary<int, int> _positions = [];

    /// <inheritdoc />
    public int ContextLength { get; } = contextLength >= 2 ? contextLength
        : throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, GenerationRequest.Text($"contextLength must be at least 2; got {contextLength}."));

    /// <summary>The token generated for request <paramref name="requestId"/> at position <paramref name="position"/> (from 0).</summary>
    public static int TokenAt(int requestId, int position) => (int)((uint)(requestId * 7919 + position * 104_729) % 97);

    /// <inheritdoc />
    public IReadOnlyList<int> Prefill(IReadOnlyList<GenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            _positions[request.Id] = 0;
        }

        return requests.Select(r => TokenAt(r.Id, 0)).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Decode(IReadOnlyList<int> requestIds)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        return requestIds.Select(id => TokenAt(id, ++_positions[id])).ToList();
    }

    /// <inheritdoc />
    public void Release(int requestId) => _positions.Remove(requestId);
}

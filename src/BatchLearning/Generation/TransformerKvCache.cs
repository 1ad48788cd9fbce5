namespace BatchLearning.Generation;

/// <summary>
/// The memory a transformer's KV cache holds per token: keys and values (2) for every layer and key/value head, each a vector of
/// <see cref="HeadDimension"/> numbers of <see cref="BytesPerValue"/> bytes. Unlike a GRU's fixed hidden state, it grows with every token a sequence reads.
/// </summary>
/// <param name="Model">The model's name, for sentences.</param>
/// <param name="Layers">Transformer layers, at least 1.</param>
/// <param name="KeyValueHeads">Key/value heads per layer (fewer than attention heads under grouped-query attention), at least 1.</param>
/// <param name="HeadDimension">Numbers per head, at least 1.</param>
/// <param name="BytesPerValue">Bytes per number: 2 for bfloat16 or float16, 1 for an 8-bit cache; from 1 to 8.</param>
public sealed record TransformerKvCache(string Model, int Layers, int KeyValueHeads, int HeadDimension, int BytesPerValue)
{
    /// <summary>
    /// Llama 3.1 8B in bfloat16: 32 layers, 8 key/value heads of 128 numbers (its config.json on Hugging Face, meta-llama/Llama-3.1-8B, read 2026-12-07).
    /// </summary>
    public static TransformerKvCache Llama31_8B { get; } = new("Llama 3.1 8B", 32, 8, 128, 2);

    /// <summary>The model's name.</summary>
    public string Model { get; init; } = string.IsNullOrWhiteSpace(Model) ? throw new ArgumentException("Model needs a name.", nameof(Model)) : Model;

    /// <summary>Transformer layers.</summary>
    public int Layers { get; init; } = Guard.InRange(Layers, 1, 1000);

    /// <summary>Key/value heads per layer.</summary>
    public int KeyValueHeads { get; init; } = Guard.InRange(KeyValueHeads, 1, 1000);

    /// <summary>Numbers per head.</summary>
    public int HeadDimension { get; init; } = Guard.InRange(HeadDimension, 1, 100_000);

    /// <summary>Bytes per number.</summary>
    public int BytesPerValue { get; init; } = Guard.InRange(BytesPerValue, 1, 8);

    /// <summary>Bytes of cache per token: 2 x layers x key/value heads x head dimension x bytes per number.</summary>
    public long BytesPerToken => 2L * Layers * KeyValueHeads * HeadDimension * BytesPerValue;
}

namespace BatchLearning.Generation;

/// <summary>How a <see cref="CharacterModel"/> picks the next token from its scores.</summary>
public abstract record Decoding
{
    private Decoding()
    {
    }

    /// <summary>The most likely token every time (ties go to the lowest token id).</summary>
    public static Decoding Greedy { get; } = new GreedyDecoding();

    /// <summary>
    /// A random token drawn from the softmax of the scores divided by <paramref name="temperature"/>, from a generator of the request's own
    /// (seeded from <paramref name="seed"/> and the request's id), so the draw does not depend on which requests share the batch.
    /// </summary>
    /// <param name="temperature">Above 0 and at most 100; 1 samples the model's distribution as it is, below 1 sharpens it.</param>
    /// <param name="seed">Any integer.</param>
    public static Decoding Sampling(double temperature, int seed)
    {
        if (!double.IsFinite(temperature) || temperature <= 0 || temperature > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, GenerationRequest.Text($"temperature must be above 0 and at most 100; got {temperature}."));
        }

        return new SamplingDecoding(temperature, seed);
    }

    /// <summary>Greedy decoding.</summary>
    public sealed record GreedyDecoding : Decoding;

    /// <summary>Seeded sampling at a temperature.</summary>
    /// <param name="Temperature">The divisor of the scores.</param>
    /// <param name="Seed">The seed mixed with each request's id.</param>
    public sealed record SamplingDecoding(double Temperature, int Seed) : Decoding;
}

namespace BatchLearning.Generation;

/// <summary>
/// How many new tokens the requests of a <see cref="GenerationWorkload"/> ask for: Pareto-distributed, most short and a few long, as real chat answers are.
/// </summary>
/// <param name="MinNewTokens">The shortest answer, at least 1; defaults to 4.</param>
/// <param name="MaxNewTokens">The longest answer, at least <paramref name="MinNewTokens"/>; defaults to 100.</param>
/// <param name="TailIndex">The Pareto shape, above 0 and at most 10; defaults to 1.2 (smaller is heavier: more very long answers).</param>
public sealed record AnswerLengths(int MinNewTokens = 4, int MaxNewTokens = 100, double TailIndex = 1.2)
{
    /// <summary>Checks each setting against its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it and the range.</exception>
    public void Validate()
    {
        if (MinNewTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinNewTokens), MinNewTokens, GenerationRequest.Text($"MinNewTokens must be at least 1; got {MinNewTokens}."));
        }

        if (MaxNewTokens < MinNewTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, GenerationRequest.Text($"MaxNewTokens must be at least MinNewTokens ({MinNewTokens}); got {MaxNewTokens}."));
        }

        if (!double.IsFinite(TailIndex) || TailIndex <= 0 || TailIndex > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(TailIndex), TailIndex, GenerationRequest.Text($"TailIndex must be above 0 and at most 10; got {TailIndex}."));
        }
    }

    /// <summary>An answer length for a uniform draw <paramref name="uniform"/> in [0, 1).</summary>
    internal int Draw(double uniform) => (int)Math.Min(MaxNewTokens, Math.Floor(MinNewTokens / Math.Pow(1 - uniform, 1 / TailIndex)));
}

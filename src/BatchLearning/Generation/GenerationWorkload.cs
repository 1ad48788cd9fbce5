namespace BatchLearning.Generation;

/// <summary>Seeded traces of generation requests: Poisson arrivals and heavy-tailed (Pareto) output lengths, as real chat traffic has.</summary>
public static class GenerationWorkload
{
    /// <summary>
    /// <paramref name="count"/> requests arriving as a Poisson stream of <paramref name="ratePerSecond"/>, each with a prompt drawn from
    /// <paramref name="prompts"/> and a Pareto-distributed number of new tokens: most short, a few long
    /// (at least <paramref name="minNewTokens"/>, at most <paramref name="maxNewTokens"/>, tail index <paramref name="tailIndex"/>).
    /// </summary>
    /// <param name="prompts">Token ids of candidate prompts, at least one.</param>
    /// <param name="count">Requests, from 1 to 1,000,000.</param>
    /// <param name="ratePerSecond">Mean arrivals per second, finite and above 0.</param>
    /// <param name="seed">Seeds arrivals, prompts and lengths.</param>
    /// <param name="minNewTokens">The shortest answer, at least 1; defaults to 4.</param>
    /// <param name="maxNewTokens">The longest answer, at least <paramref name="minNewTokens"/>; defaults to 100.</param>
    /// <param name="tailIndex">The Pareto shape, above 0 and at most 10; defaults to 1.2 (smaller is heavier: more very long answers).</param>
    public static IReadOnlyList<GenerationRequest> Create(
        IReadOnlyList<IReadOnlyList<int>> prompts, int count, double ratePerSecond, int seed, int minNewTokens = 4, int maxNewTokens = 100, double tailIndex = 1.2)
    {
        Validate(prompts, count, ratePerSecond, minNewTokens, maxNewTokens, tailIndex);
        var random = new Random(seed);
        var now = 0.0;
        var requests = new List<GenerationRequest>(count);
        for (var i = 0; i < count; i++)
        {
            now += -Math.Log(1 - random.NextDouble()) / ratePerSecond;
            var prompt = prompts[random.Next(prompts.Count)];
            var length = minNewTokens / Math.Pow(1 - random.NextDouble(), 1 / tailIndex);
            requests.Add(new GenerationRequest(i, prompt, (int)Math.Min(maxNewTokens, Math.Floor(length)), now));
        }

        return requests;
    }

    private static void Validate(IReadOnlyList<IReadOnlyList<int>> prompts, int count, double ratePerSecond, int minNewTokens, int maxNewTokens, double tailIndex)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("There are no prompts to draw from; give at least one.", nameof(prompts));
        }

        if (count < 1 || count > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, GenerationRequest.Text($"count must be from 1 to 1,000,000; got {count}."));
        }

        if (!double.IsFinite(ratePerSecond) || ratePerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, GenerationRequest.Text($"ratePerSecond must be a finite number above 0; got {ratePerSecond}."));
        }

        if (minNewTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minNewTokens), minNewTokens, GenerationRequest.Text($"minNewTokens must be at least 1; got {minNewTokens}."));
        }

        if (maxNewTokens < minNewTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNewTokens), maxNewTokens, GenerationRequest.Text($"maxNewTokens must be at least minNewTokens ({minNewTokens}); got {maxNewTokens}."));
        }

        if (!double.IsFinite(tailIndex) || tailIndex <= 0 || tailIndex > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(tailIndex), tailIndex, GenerationRequest.Text($"tailIndex must be above 0 and at most 10; got {tailIndex}."));
        }
    }

    /// <summary>Prompts of the given lengths made of token 0, for the simulator (only their lengths matter there).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> PlaceholderPrompts(params int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        return lengths.Select(length => (IReadOnlyList<int>)new int[length]).ToList();
    }
}

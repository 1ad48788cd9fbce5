namespace BatchLearning.Generation;

/// <summary>Seeded traces of generation requests: Poisson arrivals and heavy-tailed (Pareto) output lengths, as real chat traffic has.</summary>
public static class GenerationWorkload
{
    /// <summary>
    /// <paramref name="count"/> requests arriving as a Poisson stream of <paramref name="ratePerSecond"/>, each with a prompt drawn from
    /// <paramref name="prompts"/> and a Pareto-distributed number of new tokens (see <see cref="AnswerLengths"/>): most short, a few long.
    /// </summary>
    /// <param name="prompts">Token ids of candidate prompts, at least one.</param>
    /// <param name="count">Requests, from 1 to 1,000,000.</param>
    /// <param name="ratePerSecond">Mean arrivals per second, finite and above 0.</param>
    /// <param name="seed">Seeds arrivals, prompts and lengths.</param>
    /// <param name="lengths">The answers' lengths; defaults to 4 to 100 new tokens with tail index 1.2.</param>
    /// <exception cref="ArgumentException">No prompts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting outside its range; the message names it.</exception>
    public static IReadOnlyList<GenerationRequest> Create(
        IReadOnlyList<IReadOnlyList<int>> prompts, int count, double ratePerSecond, int seed, AnswerLengths? lengths = null)
    {
        lengths ??= new AnswerLengths();
        Validate(prompts, count, ratePerSecond, lengths);
        var random = new Random(seed);
        var now = 0.0;
        var requests = new List<GenerationRequest>(count);
        for (var i = 0; i < count; i++)
        {
            now += -Math.Log(1 - random.NextDouble()) / ratePerSecond;
            var prompt = prompts[random.Next(prompts.Count)];
            requests.Add(new GenerationRequest(i, prompt, lengths.Draw(random.NextDouble()), now));
        }

        return requests;
    }

    private static void Validate(IReadOnlyList<IReadOnlyList<int>> prompts, int count, double ratePerSecond, AnswerLengths lengths)
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

        lengths.Validate();
    }

    /// <summary>
    /// The same trace with every <paramref name="every"/>-th request (from the first) given <paramref name="longPrompt"/>, as a chat with a long history
    /// or a pasted document would be; its new tokens are capped so that prompt and answer fit <paramref name="contextLength"/>.
    /// </summary>
    /// <param name="requests">The trace.</param>
    /// <param name="longPrompt">The long prompt's token ids, at least one and fewer than <paramref name="contextLength"/>.</param>
    /// <param name="every">From 1 (every request) to 1,000,000.</param>
    /// <param name="contextLength">The model's context, from 2 to 100,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting outside its range; the message names it.</exception>
    public static IReadOnlyList<GenerationRequest> WithLongPrompts(IReadOnlyList<GenerationRequest> requests, IReadOnlyList<int> longPrompt, int every, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(longPrompt);
        Guard.InRange(every, 1, 1_000_000);
        Guard.InRange(contextLength, 2, 100_000);
        Guard.InRange(longPrompt.Count, 1, contextLength - 1, "longPrompt's length");
        return requests.Select((r, i) => i % every != 0 ? r
            : new GenerationRequest(r.Id, longPrompt, Math.Min(r.MaxNewTokens, contextLength - longPrompt.Count), r.ArrivalSeconds)).ToList();
    }

    /// <summary>Prompts of the given lengths made of token 0, for the simulator (only their lengths matter there).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> PlaceholderPrompts(params int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        return lengths.Select(length => (IReadOnlyList<int>)new int[length]).ToList();
    }
}

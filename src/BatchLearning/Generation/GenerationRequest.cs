using System.Globalization;

namespace BatchLearning.Generation;

/// <summary>One generation request: a prompt (token ids), how many new tokens it wants, and when it arrives.</summary>
public sealed record GenerationRequest
{
    /// <summary>A request; the prompt and the token count are checked here, the context length when it is scheduled.</summary>
    /// <param name="id">The request's number, 0 or more; unique within a trace (it keys the sequence's state in the engine).</param>
    /// <param name="prompt">The prompt's token ids, at least one.</param>
    /// <param name="maxNewTokens">How many tokens to generate, at least 1 (the request ends after exactly this many, as vLLM's benchmarks with ignore_eos).</param>
    /// <param name="arrivalSeconds">When it arrives, in seconds from the start of the trace (finite, 0 or more).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (the message states it).</exception>
    /// <exception cref="ArgumentException">The prompt is empty.</exception>
    public GenerationRequest(int id, IReadOnlyList<int> prompt, int maxNewTokens, double arrivalSeconds)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (id < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, Text($"id must be 0 or more; got {id}."));
        }

        if (prompt.Count == 0)
        {
            throw new ArgumentException(Text($"Request {id}: the prompt is empty; give at least one token."), nameof(prompt));
        }

        if (maxNewTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNewTokens), maxNewTokens, Text($"Request {id}: maxNewTokens must be at least 1 (a request that generates nothing needs no model); got {maxNewTokens}."));
        }

        if (!double.IsFinite(arrivalSeconds) || arrivalSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalSeconds), arrivalSeconds, Text($"Request {id}: arrivalSeconds must be a finite number of seconds, 0 or more; got {arrivalSeconds}."));
        }

        Id = id;
        Prompt = prompt.ToArray();
        MaxNewTokens = maxNewTokens;
        ArrivalSeconds = arrivalSeconds;
    }

    /// <summary>The request's number.</summary>
    public int Id { get; }

    /// <summary>The prompt's token ids.</summary>
    public IReadOnlyList<int> Prompt { get; }

    /// <summary>How many tokens it generates.</summary>
    public int MaxNewTokens { get; }

    /// <summary>When it arrives, in seconds from the start of the trace.</summary>
    public double ArrivalSeconds { get; }

    internal static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

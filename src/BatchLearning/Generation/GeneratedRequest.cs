namespace BatchLearning.Generation;

/// <summary>What happened to one request in a <see cref="GenerationScheduler"/> run; times in seconds from the start of the trace.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="PromptTokens">Its prompt's length.</param>
/// <param name="Tokens">The tokens generated for it.</param>
/// <param name="Slot">The slot it ran in.</param>
/// <param name="ArrivalSeconds">When it arrived.</param>
/// <param name="StartSeconds">When its prompt was processed (the start of the step that admitted it).</param>
/// <param name="FirstTokenSeconds">When its first token was ready (the end of that step), as a streaming client would see it.</param>
/// <param name="LastTokenSeconds">When its last token was ready.</param>
/// <param name="ReturnedSeconds">When its answer was returned: its last token under continuous batching, the end of its batch under request-level batching.</param>
public sealed record GeneratedRequest(
    int Id,
    int PromptTokens,
    IReadOnlyList<int> Tokens,
    int Slot,
    double ArrivalSeconds,
    double StartSeconds,
    double FirstTokenSeconds,
    double LastTokenSeconds,
    double ReturnedSeconds)
{
    /// <summary>Time to first token: arrival to first token.</summary>
    public double TimeToFirstTokenSeconds => FirstTokenSeconds - ArrivalSeconds;

    /// <summary>Time per output token after the first: (last - first) / (tokens - 1); NaN for a one-token answer.</summary>
    public double TimePerOutputTokenSeconds => Tokens.Count > 1 ? (LastTokenSeconds - FirstTokenSeconds) / (Tokens.Count - 1) : double.NaN;

    /// <summary>Request latency: arrival to answer returned.</summary>
    public double LatencySeconds => ReturnedSeconds - ArrivalSeconds;
}

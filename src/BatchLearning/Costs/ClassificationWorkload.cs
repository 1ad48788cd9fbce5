using BatchLearning.Prompts;

namespace BatchLearning.Costs;

/// <summary>Prices the course's classification request: its counted tokens (<see cref="ClassificationTokens"/>) as an API workload.</summary>
public static class ClassificationWorkload
{
    /// <summary>The API workload of <paramref name="requestsPerDay"/> requests of the measured size, one email each.</summary>
    /// <param name="tokens">The counted tokens of one request.</param>
    /// <param name="requestsPerDay">Requests a day; the workload checks its range.</param>
    public static ApiWorkload Workload(this ClassificationTokens tokens, double requestsPerDay)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new ApiWorkload(requestsPerDay, tokens.MeanEmailTokens, tokens.MeanAnswerTokens, tokens.InstructionTokens);
    }
}

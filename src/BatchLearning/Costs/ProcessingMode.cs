namespace BatchLearning.Costs;

/// <summary>How requests reach an API.</summary>
public enum ProcessingMode
{
    /// <summary>One call per request, answered at once, at the real-time price.</summary>
    RealTime,

    /// <summary>Requests collected into a batch job (results within the provider's completion window), at the batch price.</summary>
    Batch,
}

namespace BatchLearning.Costs;

/// <summary>How to process a task, from cheapest to most immediate.</summary>
public enum ProcessingChoice
{
    /// <summary>A provider's batch API: the batch discount, results within its completion window.</summary>
    BatchApi,

    /// <summary>Collect for a period and process together ("every five minutes"), at real-time prices on an API or in big batches on your own model.</summary>
    PeriodicBatch,

    /// <summary>Each request as it arrives (a dynamic batcher may still group requests over a few milliseconds).</summary>
    RealTime,
}

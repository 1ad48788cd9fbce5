namespace BatchLearning.Serving;

/// <summary>A request was still waiting when the batcher was shut down without draining, or was submitted after shutdown began.</summary>
public sealed class BatcherShutdownException(string message) : InvalidOperationException(message);

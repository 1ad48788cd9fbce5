namespace BatchLearning.Serving;

/// <summary>A request was refused because the batcher's queue was full and it is set to <see cref="FullQueueBehavior.Reject"/>.</summary>
public sealed class BatcherQueueFullException(int capacity)
    : InvalidOperationException($"The batcher's queue is full ({capacity} requests waiting, its QueueCapacity): try again later, raise QueueCapacity, or use FullQueueBehavior.Wait.")
{
    /// <summary>The queue capacity that was reached.</summary>
    public int Capacity { get; } = capacity;
}

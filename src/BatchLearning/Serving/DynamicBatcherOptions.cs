namespace BatchLearning.Serving;

/// <summary>Settings of a <see cref="DynamicBatcher{TInput, TOutput}"/>, named as in Triton and Ray Serve.</summary>
/// <param name="MaxBatchSize">The most requests in one batch (Ray Serve's max_batch_size), at least 1. A full batch is dispatched at once.</param>
/// <param name="MaxDelay">How long the oldest waiting request may wait before its batch is dispatched, full or not (Triton's max_queue_delay_microseconds, Ray Serve's batch_wait_timeout_s); zero or more.</param>
/// <param name="QueueCapacity">The most requests waiting to be batched, at least 1; defaults to 10,000.</param>
/// <param name="Workers">Batches in flight at once, one per worker, at least 1; defaults to 1.</param>
/// <param name="WhenFull">What a submit does when the queue is full; defaults to <see cref="FullQueueBehavior.Wait"/>.</param>
public sealed record DynamicBatcherOptions(
    int MaxBatchSize,
    TimeSpan MaxDelay,
    int QueueCapacity = 10_000,
    int Workers = 1,
    FullQueueBehavior WhenFull = FullQueueBehavior.Wait)
{
    /// <summary>Refuses each out-of-range setting with its name and valid range.</summary>
    internal DynamicBatcherOptions Validated()
    {
        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }

        if (MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "MaxDelay must be zero or more.");
        }

        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "QueueCapacity must be at least 1.");
        }

        if (Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be at least 1.");
        }

        return this;
    }
}

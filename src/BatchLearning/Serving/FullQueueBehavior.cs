namespace BatchLearning.Serving;

/// <summary>What <see cref="DynamicBatcher{TInput, TOutput}.SubmitAsync"/> does when the queue is full.</summary>
public enum FullQueueBehavior
{
    /// <summary>Wait for room (backpressure on the caller); the caller's cancellation token still applies.</summary>
    Wait,

    /// <summary>Refuse at once with <see cref="BatcherQueueFullException"/>.</summary>
    Reject,
}

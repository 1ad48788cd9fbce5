using System.Globalization;

namespace BatchLearning.Serving;

/// <summary>Settings of a <see cref="DynamicBatcher{TInput, TOutput}"/>, named as in Triton and Ray Serve.</summary>
/// <param name="MaxBatchSize">The most requests in one batch (Ray Serve's max_batch_size), at least 1. A full batch is dispatched at once.</param>
/// <param name="MaxDelay">
/// How long the oldest waiting request may wait before its batch is dispatched, full or not (Triton's max_queue_delay_microseconds, Ray Serve's batch_wait_timeout_s);
/// from zero to <see cref="LongestDelay"/> (about 49.7 days, the limit of .NET's timers).
/// </param>
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
    /// <summary>The longest <see cref="MaxDelay"/> or <see cref="BatchTimeout"/>: 4,294,967,294 ms (about 49.7 days), the most a .NET timer can wait.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The <see cref="BatchTimeout"/> when none is set: 1 minute, so a batch function that never returns (and ignores its token) cannot leave a caller waiting for ever.</summary>
    public static readonly TimeSpan DefaultBatchTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one batch may run before its callers fail with a <see cref="TimeoutException"/> (Triton's default_queue_policy timeout,
    /// Ray Serve's request_timeout_s): the batch function's token is cancelled, its worker is freed and the batcher goes on serving.
    /// Above zero and at most <see cref="LongestDelay"/>; defaults to <see cref="DefaultBatchTimeout"/> (1 minute). Null waits as long as the batch function takes:
    /// then only the caller's own token (<see cref="DynamicBatcher{TInput, TOutput}.SubmitAsync"/>) or a shutdown ends the wait of a batch that never returns.
    /// </summary>
    public TimeSpan? BatchTimeout { get; init; } = DefaultBatchTimeout;

    /// <summary>Refuses each out-of-range setting with its name and valid range.</summary>
    internal DynamicBatcherOptions Validated()
    {
        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, Text($"MaxBatchSize must be at least 1; got {MaxBatchSize}."));
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay > LongestDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay,
                Text($"MaxDelay must be from 0 to 49.7 days ({LongestDelay.TotalMilliseconds:N0} ms, the timer's limit); got {Describe(MaxDelay)}."));
        }

        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, Text($"QueueCapacity must be at least 1; got {QueueCapacity}."));
        }

        if (Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, Text($"Workers must be at least 1; got {Workers}."));
        }

        if (BatchTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > LongestDelay))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchTimeout), timeout,
                Text($"BatchTimeout must be above 0 and at most 49.7 days ({LongestDelay.TotalMilliseconds:N0} ms, the timer's limit), or null for none; got {Describe(timeout)}."));
        }

        if (!Enum.IsDefined(WhenFull))
        {
            throw new ArgumentOutOfRangeException(nameof(WhenFull), WhenFull, Text($"WhenFull must be Wait or Reject; got {WhenFull}."));
        }

        return this;
    }

    /// <summary>A span in the unit a person would use: "60 days", "2.5 s", "0.5 ms".</summary>
    internal static string Describe(TimeSpan span) => span.Duration() switch
    {
        var d when d >= TimeSpan.FromDays(1) => Text($"{span.TotalDays:0.##} days"),
        var d when d >= TimeSpan.FromSeconds(1) => Text($"{span.TotalSeconds:0.###} s"),
        _ => Text($"{span.TotalMilliseconds:0.###} ms"),
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace BatchLearning.Serving;

/// <summary>
/// Groups requests that arrive one at a time into batches for a batch function (a model, or anything else), as Triton's
/// dynamic batcher and Ray Serve's <c>@serve.batch</c> do: a batch is dispatched when it holds <see cref="DynamicBatcherOptions.MaxBatchSize"/>
/// requests or when its oldest request has waited <see cref="DynamicBatcherOptions.MaxDelay"/>, whichever comes first.
/// </summary>
/// <remarks>
/// Every caller awaits its own result. A batch that throws fails exactly its own callers, and a batch function can fail single requests
/// by returning <see cref="BatchResults{TOutput}"/>; the batcher goes on serving. A batch that runs past <see cref="DynamicBatcherOptions.BatchTimeout"/>
/// (1 minute unless set) fails its callers with a <see cref="TimeoutException"/>, even when the batch function ignores its token: no default leaves a caller waiting for ever. A cancelled request leaves the queue (or, once dispatched, its caller stops waiting).
/// Shutdown completes (drain) or fails every pending request. Should the dispatcher itself fail, every pending and later request fails with
/// an <see cref="InvalidOperationException"/> that holds the cause, so no caller is left waiting. Time comes from a <see cref="TimeProvider"/>, so tests can move it without sleeping.
/// </remarks>
/// <typeparam name="TInput">One request's input.</typeparam>
/// <typeparam name="TOutput">One request's result.</typeparam>
public sealed class DynamicBatcher<TInput, TOutput> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TInput>, CancellationToken, Task<IReadOnlyList<TOutput>>> _batchFunction;
    private readonly DynamicBatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LinkedList<Request> _queue = new();
    private readonly SemaphoreSlim _room;
    private readonly SemaphoreSlim _workers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _abandon = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<Task> _running = [];
    private readonly BatcherStatistics _statistics;
    private readonly Task _dispatcher;
    private TaskCompletionSource _signal = NewSignal();
    private bool _accepting = true;
    private bool _draining;
    private volatile bool _awaitingDeadline;
    private Exception? _dispatcherFault;

    /// <summary>Starts a batcher in front of <paramref name="batchFunction"/>.</summary>
    /// <param name="batchFunction">Computes one result per input, in the inputs' order. It receives a token that is cancelled when the batcher shuts down without draining.</param>
    /// <param name="options">Batch size, delay, queue and workers.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public DynamicBatcher(
        Func<IReadOnlyList<TInput>, CancellationToken, Task<IReadOnlyList<TOutput>>> batchFunction,
        DynamicBatcherOptions options,
        TimeProvider? timeProvider = null)
    {
        _batchFunction = batchFunction ?? throw new ArgumentNullException(nameof(batchFunction));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        _time = timeProvider ?? TimeProvider.System;
        _room = new SemaphoreSlim(options.QueueCapacity, options.QueueCapacity);
        _workers = new SemaphoreSlim(options.Workers, options.Workers);
        _statistics = new BatcherStatistics(_time);
        _dispatcher = Task.Run(DispatchLoopAsync);
    }

    /// <summary>A batcher in front of a synchronous batch function (for example a model's forward pass).</summary>
    public DynamicBatcher(Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> batchFunction, DynamicBatcherOptions options, TimeProvider? timeProvider = null)
        : this(WrapSynchronous(batchFunction), options, timeProvider)
    {
    }

    /// <summary>Requests waiting to be batched now.</summary>
    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>True while the dispatcher waits for the oldest request's delay to run out (lets tests move a fake clock at the right moment).</summary>
    internal bool AwaitingDeadline => _awaitingDeadline;

    /// <summary>Submits one request and waits for its own result.</summary>
    /// <param name="input">The request.</param>
    /// <param name="cancellationToken">Cancels waiting: a queued request leaves the queue; a dispatched one is no longer awaited.</param>
    /// <exception cref="BatcherQueueFullException">The queue is full and the batcher rejects rather than waits.</exception>
    /// <exception cref="BatcherShutdownException">The batcher is shutting down, or shut down without draining while the request waited.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<TOutput> SubmitAsync(TInput input, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotAccepting();
        await TakeRoomAsync(cancellationToken).ConfigureAwait(false);
        var request = Enqueue(input);
        _statistics.Submitted(request.SubmittedAt);
        if (cancellationToken.CanBeCanceled)
        {
            request.Registration = cancellationToken.Register(static state =>
            {
                var (batcher, pending, token) = ((DynamicBatcher<TInput, TOutput>, Request, CancellationToken))state!;
                batcher.Cancel(pending, token);
            }, (this, request, cancellationToken));
        }

        return await request.Completion.Task.ConfigureAwait(false);
    }

    // A place in the queue: at once or refused when full and rejecting, else waited for.
    private async Task TakeRoomAsync(CancellationToken cancellationToken)
    {
        if (_options.WhenFull == FullQueueBehavior.Reject)
        {
            if (!_room.Wait(0))
            {
                _statistics.Rejected();
                throw new BatcherQueueFullException(_options.QueueCapacity);
            }
        }
        else
        {
            await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Queues a request that holds a place; wakes the dispatcher for the first request or a full batch.
    private Request Enqueue(TInput input)
    {
        var request = new Request(input, _time.GetTimestamp());
        lock (_gate)
        {
            if (!_accepting)
            {
                _room.Release();
                throw NotAcceptingError();
            }

            request.Node = _queue.AddLast(request);
            if (_queue.Count == 1 || _queue.Count >= _options.MaxBatchSize)
            {
                Signal();
            }
        }

        return request;
    }

    /// <summary>The batcher's counters and percentiles so far.</summary>
    public BatcherMetrics Metrics() => _statistics.Snapshot();

    /// <summary>Forgets the metrics gathered so far (for example after a warm-up).</summary>
    public void ResetMetrics() => _statistics.Reset();

    /// <summary>
    /// Stops accepting requests. With <paramref name="drain"/> (the default) every waiting request is dispatched at once and completed;
    /// without, every waiting request and every request of a running batch fails at once with <see cref="BatcherShutdownException"/> and
    /// running batches see their token cancelled, so it returns promptly even when a batch function never finishes.
    /// Returns when no request is left pending.
    /// </summary>
    public async Task ShutdownAsync(bool drain = true)
    {
        List<Request> abandoned = [];
        lock (_gate)
        {
            _accepting = false;
            _draining = true;
            if (!drain)
            {
                abandoned = EmptyQueue();
            }

            Signal();
        }

        if (!drain)
        {
            _abandon.TrySetResult();
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        FailEach(abandoned, () => new BatcherShutdownException("The batcher shut down before this request was dispatched."));
        await _dispatcher.ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Shuts down, draining every waiting request.</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(drain: true).ConfigureAwait(false);
        _stopping.Dispose();
    }

    // Runs the dispatch loop; should it fail, nobody would otherwise hear of it: every pending request fails with the cause, and later submits too.
    private async Task DispatchLoopAsync()
    {
        try
        {
            await DispatchAsync().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            List<Request> stranded;
            lock (_gate)
            {
                _dispatcherFault = error;
                _accepting = false;
                stranded = EmptyQueue();
            }

            FailEach(stranded, () => DispatcherFailed(error));
        }
    }

    private async Task DispatchAsync()
    {
        while (true)
        {
            await _workers.WaitAsync().ConfigureAwait(false);
            var batch = await NextBatchAsync().ConfigureAwait(false);
            if (batch is null)
            {
                _workers.Release();
                return;
            }

            Track(Task.Run(() => RunBatchesAsync(batch)));
        }
    }

    // Runs a batch and then, on the same worker, every batch that is already due when the last one finishes: under load the next full batch
    // starts at once instead of waking the dispatcher, which would start it a thread hand-off or two later (the hand-offs took longer than
    // a small MLP's forward pass, issue 28). The worker is freed when no batch is due; the dispatcher then waits for the next one.
    private async Task RunBatchesAsync(List<Request> first)
    {
        try
        {
            for (var batch = first; batch is not null; batch = TakeDueBatch())
            {
                await RunBatchAsync(batch).ConfigureAwait(false);
            }
        }
        finally
        {
            _workers.Release();
        }
    }

    // The next batch when one is due now, else null. (A batcher stopping without draining has already emptied its queue.)
    private List<Request>? TakeDueBatch()
    {
        lock (_gate)
        {
            return UntilDue() == TimeSpan.Zero ? TakeBatch() : null;
        }
    }

    // Called under _gate: how long until a batch is due, zero when one is due now (the queue holds a full batch, its oldest request has
    // waited MaxDelay, or the batcher drains), null when the queue is empty.
    private TimeSpan? UntilDue()
    {
        if (_queue.Count == 0)
        {
            return null;
        }

        if (_queue.Count >= _options.MaxBatchSize || _draining)
        {
            return TimeSpan.Zero;
        }

        var left = _options.MaxDelay - _time.GetElapsedTime(_queue.First!.Value.SubmittedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // Waits until a batch is due (full, its oldest request has waited MaxDelay, or the batcher drains) and takes it;
    // null when the batcher accepts no more requests and none is waiting.
    private async Task<List<Request>?> NextBatchAsync()
    {
        while (true)
        {
            Task signal;
            TimeSpan? wait;
            lock (_gate)
            {
                wait = UntilDue();
                if (wait == TimeSpan.Zero)
                {
                    return TakeBatch();
                }

                if (wait is null && !_accepting)
                {
                    return null;
                }

                signal = _signal.Task;
            }

            await WaitAsync(signal, wait).ConfigureAwait(false);
        }
    }

    // Until the dispatcher is woken, or until the oldest request's delay runs out when one waits.
    private async Task WaitAsync(Task signal, TimeSpan? wait)
    {
        if (wait is null)
        {
            await signal.ConfigureAwait(false);
            return;
        }

        using var stopDelay = new CancellationTokenSource();
        var delay = Task.Delay(wait.Value, _time, stopDelay.Token);
        _awaitingDeadline = true;
        await Task.WhenAny(signal, delay).ConfigureAwait(false);
        _awaitingDeadline = false;
        await stopDelay.CancelAsync().ConfigureAwait(false);
    }

    // Keeps a running batch in the set ShutdownAsync waits for, until it finishes.
    private void Track(Task running)
    {
        lock (_gate)
        {
            _running.Add(running);
        }

        _ = running.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    _running.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // Called under _gate: up to MaxBatchSize requests from the head of the queue.
    private List<Request> TakeBatch()
    {
        var count = Math.Min(_queue.Count, _options.MaxBatchSize);
        var batch = new List<Request>(count);
        for (var i = 0; i < count; i++)
        {
            var request = _queue.First!.Value;
            _queue.RemoveFirst();
            request.Node = null;
            batch.Add(request);
        }

        _room.Release(count);
        return batch;
    }

    // Runs one batch and answers its callers. The batch function runs on its own task, so the callers can be failed and the worker
    // go on when the batch times out or the batcher shuts down without draining, even if the function never returns.
    private async Task RunBatchAsync(List<Request> batch)
    {
        var dispatchedAt = _time.GetTimestamp();
        // Counted at dispatch, before any caller hears back: a caller that reads the metrics after its answer finds its batch counted,
        // and a batch dispatched before ResetMetrics is never counted after it.
        _statistics.Batch(batch.Count);
        using var batchStop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using var stopTimer = new CancellationTokenSource();
        try
        {
            var inputs = batch.Select(r => r.Input).ToArray();
            var work = Task.Run(() => _batchFunction(inputs, batchStop.Token), CancellationToken.None);
            var timeout = _options.BatchTimeout is { } limit ? Task.Delay(limit, _time, stopTimer.Token) : null;
            Task[] contenders = timeout is null ? [work, _abandon.Task] : [work, _abandon.Task, timeout];
            var first = await Task.WhenAny(contenders).ConfigureAwait(false);
            if (first != work)
            {
                // Give up on the batch: its token is cancelled, and a late fault is observed so it is not reported as unobserved.
                _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await batchStop.CancelAsync().ConfigureAwait(false);
                Fail(batch, first == timeout
                    ? TimedOut(batch.Count)
                    : new BatcherShutdownException("The batcher shut down without draining while this request's batch was running."));
                return;
            }

            Answer(batch, await work.ConfigureAwait(false), dispatchedAt);
        }
        catch (Exception error)
        {
            Fail(batch, error);
        }
        finally
        {
            stopTimer.Cancel(); // not CancelAsync: that runs the timer's callback on another thread and this worker would wait for it before the next batch
        }
    }

    private TimeoutException TimedOut(int count) => new(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The batch of {count} requests did not finish within BatchTimeout ({DynamicBatcherOptions.Describe(_options.BatchTimeout!.Value)}); its callers fail, the batcher goes on serving."));

    // Gives each caller of the batch its result, or its own exception where the batch function failed it alone.
    private void Answer(List<Request> batch, IReadOnlyList<TOutput> results, long dispatchedAt)
    {
        if (results is null || results.Count != batch.Count)
        {
            throw new InvalidOperationException(
                $"The batch function returned {results?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} results for {batch.Count} inputs; it must return one result per input, in order.");
        }

        var partial = results as BatchResults<TOutput>;
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Registration.Unregister();
            if (partial is not null && partial.Failed(i, out var failure))
            {
                if (batch[i].Completion.TrySetException(failure))
                {
                    _statistics.Failed();
                }
            }
            else if (batch[i].Completion.TrySetResult(results[i]))
            {
                _statistics.Completed(batch[i].SubmittedAt, dispatchedAt);
            }
        }
    }

    // Called under _gate: takes every waiting request out of the queue and frees their places.
    private List<Request> EmptyQueue()
    {
        List<Request> taken = [.. _queue];
        foreach (var request in taken)
        {
            request.Node = null;
        }

        _queue.Clear();
        if (taken.Count > 0)
        {
            _room.Release(taken.Count);
        }

        return taken;
    }

    // Fails each request with its own new exception (a request already answered or cancelled stays as it is).
    private void FailEach(List<Request> requests, Func<Exception> error)
    {
        foreach (var request in requests)
        {
            request.Registration.Unregister();
            if (request.Completion.TrySetException(error()))
            {
                _statistics.Failed();
            }
        }
    }

    private void Fail(List<Request> batch, Exception error)
    {
        foreach (var request in batch)
        {
            request.Registration.Unregister();
            if (request.Completion.TrySetException(error))
            {
                _statistics.Failed();
            }
        }
    }

    private void Cancel(Request request, CancellationToken token)
    {
        lock (_gate)
        {
            if (request.Node is { } node)
            {
                _queue.Remove(node);
                request.Node = null;
                _room.Release();
            }
        }

        if (request.Completion.TrySetCanceled(token))
        {
            _statistics.Cancelled();
        }
    }

    // Called under _gate: wakes the dispatcher.
    private void Signal()
    {
        _signal.TrySetResult();
        _signal = NewSignal();
    }

    private void ThrowIfNotAccepting()
    {
        lock (_gate)
        {
            if (!_accepting)
            {
                throw NotAcceptingError();
            }
        }
    }

    // Called under _gate (or after _accepting was seen false).
    private Exception NotAcceptingError() =>
        _dispatcherFault is { } fault ? DispatcherFailed(fault) : new BatcherShutdownException("The batcher is shutting down and accepts no new requests.");

    private static InvalidOperationException DispatcherFailed(Exception cause) =>
        new($"The batcher's dispatcher failed, so it can dispatch no request: {cause.GetType().Name}: {cause.Message}", cause);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static Func<IReadOnlyList<TInput>, CancellationToken, Task<IReadOnlyList<TOutput>>> WrapSynchronous(Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return (inputs, _) => Task.FromResult(function(inputs));
    }

    private sealed class Request(TInput input, long submittedAt)
    {
        public TInput Input { get; } = input;

        public long SubmittedAt { get; } = submittedAt;

        public TaskCompletionSource<TOutput> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Request>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}

using System.Collections.Concurrent;
using BatchLearning.Serving;
using Microsoft.Extensions.Time.Testing;

namespace BatchLearning.Tests.Serving;

public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task Every_one_of_100000_requests_from_64_producers_gets_its_own_result_exactly_once()
    {
        var seen = new ConcurrentDictionary<int, int>();
        await using var batcher = new DynamicBatcher<int, long>(
            inputs =>
            {
                foreach (var input in inputs)
                {
                    seen.AddOrUpdate(input, 1, (_, count) => count + 1);
                }

                return inputs.Select(i => (long)i * 3 + 1).ToArray();
            },
            new DynamicBatcherOptions(MaxBatchSize: 64, MaxDelay: TimeSpan.FromMilliseconds(1), Workers: 2));

        var producers = Enumerable.Range(0, 64).Select(p => Task.Run(async () =>
        {
            var wrong = 0;
            for (var i = 0; i < 100_000 / 64 + 1; i++)
            {
                var id = p * 10_000 + i;
                if (i * 64 + p >= 100_000 + 64)
                {
                    break;
                }

                if (await batcher.SubmitAsync(id) != (long)id * 3 + 1)
                {
                    wrong++;
                }
            }

            return wrong;
        })).ToArray();
        var wrongAnswers = (await Task.WhenAll(producers)).Sum();

        Assert.Equal(0, wrongAnswers);
        Assert.All(seen.Values, count => Assert.Equal(1, count));
        var metrics = batcher.Metrics();
        Assert.Equal(seen.Count, metrics.Completed);
        Assert.True(metrics.Completed >= 100_000);
        Assert.Equal(metrics.Completed, metrics.BatchSizeCounts.Sum(p => p.Key * p.Value));
        Assert.True(metrics.MeanBatchSize > 1, $"64 concurrent producers should share batches, mean batch {metrics.MeanBatchSize}");
        Assert.True(metrics.BatchSizeCounts.Keys.Max() <= 64);
    }

    [Fact]
    public async Task A_full_batch_is_dispatched_at_once_and_a_partial_one_when_its_oldest_request_has_waited_the_delay()
    {
        var time = new FakeTimeProvider();
        var batches = new ConcurrentQueue<int>();
        await using var batcher = new DynamicBatcher<int, int>(
            inputs => { batches.Enqueue(inputs.Count); return inputs.ToArray(); },
            new DynamicBatcherOptions(MaxBatchSize: 4, MaxDelay: TimeSpan.FromMilliseconds(10)),
            time);

        var full = Enumerable.Range(0, 4).Select(i => batcher.SubmitAsync(i)).ToArray();
        Assert.Equal(new[] { 0, 1, 2, 3 }, await Task.WhenAll(full).WaitAsync(Patience)); // no time passed

        var lone = batcher.SubmitAsync(7);
        await Eventually(() => batcher.AwaitingDeadline, "the dispatcher waits for the lone request's delay");
        time.Advance(TimeSpan.FromMilliseconds(9));
        await Task.Delay(50);
        Assert.False(lone.IsCompleted, "dispatched before its delay was over");
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(7, await lone.WaitAsync(Patience));
        Assert.Equal([4, 1], batches.ToArray());
    }

    [Fact]
    public async Task A_batch_that_throws_fails_only_its_own_callers_and_the_batcher_keeps_serving()
    {
        var time = new FakeTimeProvider();
        await using var batcher = new DynamicBatcher<int, int>(
            inputs => inputs.Contains(13) ? throw new InvalidOperationException("unlucky batch") : inputs.Select(i => i * 10).ToArray(),
            new DynamicBatcherOptions(MaxBatchSize: 2, MaxDelay: TimeSpan.FromSeconds(1)),
            time);

        var good = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2) };
        var bad = new[] { batcher.SubmitAsync(13), batcher.SubmitAsync(14) };
        var after = new[] { batcher.SubmitAsync(3), batcher.SubmitAsync(4) };

        Assert.Equal(new[] { 10, 20 }, await Task.WhenAll(good).WaitAsync(Patience));
        foreach (var failing in bad)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
            Assert.Equal("unlucky batch", error.Message);
        }

        Assert.Equal(new[] { 30, 40 }, await Task.WhenAll(after).WaitAsync(Patience));
        Assert.Equal(2, batcher.Metrics().Failed);
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_leaves_the_queue_and_never_reaches_the_batch_function()
    {
        var time = new FakeTimeProvider();
        var received = new ConcurrentBag<int>();
        await using var batcher = new DynamicBatcher<int, int>(
            inputs => { foreach (var i in inputs) { received.Add(i); } return inputs.ToArray(); },
            new DynamicBatcherOptions(MaxBatchSize: 8, MaxDelay: TimeSpan.FromSeconds(1)),
            time);
        using var cancel = new CancellationTokenSource();

        var cancelled = batcher.SubmitAsync(1, cancel.Token);
        var kept = batcher.SubmitAsync(2);
        await Eventually(() => batcher.QueueLength == 2 && batcher.AwaitingDeadline, "both requests are queued");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.Equal(1, batcher.QueueLength);
        await Eventually(() => batcher.AwaitingDeadline, "the dispatcher waits for the kept request's delay");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await kept.WaitAsync(Patience));
        Assert.Equal([2], received.ToArray());
        Assert.Equal(1, batcher.Metrics().Cancelled);
    }

    [Fact]
    public async Task A_worker_runs_the_batches_already_due_back_to_back_and_leaves_a_partial_one_to_its_delay()
    {
        // One worker: while batch [1, 2] runs, the dispatcher waits for the worker, so [3, 4] and [5, 6] (full, due at once) can only be
        // run by the worker that finished [1, 2]; the lone 7 is not due until its delay has passed, so the worker must leave it to the dispatcher.
        var time = new FakeTimeProvider();
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        var batches = new ConcurrentQueue<int[]>();
        var (inFlight, mostInFlight) = (0, 0);
        await using var batcher = new DynamicBatcher<int, int>(
            async (inputs, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                batches.Enqueue([.. inputs]);
                if (inputs[0] == 1)
                {
                    started.SetResult();
                    await release.Task;
                }

                Interlocked.Decrement(ref inFlight);
                return inputs.ToArray();
            },
            new DynamicBatcherOptions(MaxBatchSize: 2, MaxDelay: TimeSpan.FromMilliseconds(10), Workers: 1) { BatchTimeout = null },
            time);

        var first = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2) };
        await started.Task.WaitAsync(Patience);
        var due = Enumerable.Range(3, 4).Select(i => batcher.SubmitAsync(i)).ToArray();
        var lone = batcher.SubmitAsync(7);
        await Eventually(() => batcher.QueueLength == 5, "five requests wait behind the running batch");
        release.SetResult();

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, await Task.WhenAll(first.Concat(due)).WaitAsync(Patience)); // no time passed
        await Task.Delay(50);
        Assert.False(lone.IsCompleted, "the partial batch was run before its delay was over");
        await Eventually(() => batcher.AwaitingDeadline, "the dispatcher, given the worker back, waits for the lone request's delay");
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(7, await lone.WaitAsync(Patience));

        Assert.Equal(new[] { new[] { 1, 2 }, [3, 4], [5, 6], [7] }, batches.ToArray());
        Assert.Equal(1, mostInFlight);
        var metrics = batcher.Metrics();
        Assert.Equal(7, metrics.Completed);
        Assert.Equal(new[] { (1, 1L), (2, 3L) }, metrics.BatchSizeCounts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
    }

    private static void InterlockedMax(ref int most, int value)
    {
        var seen = Volatile.Read(ref most);
        while (value > seen && Interlocked.CompareExchange(ref most, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }

    [Fact]
    public async Task A_request_cancelled_during_its_batch_stops_waiting_while_its_neighbours_get_their_results()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await using var batcher = new DynamicBatcher<int, int>(
            async (inputs, _) => { started.TrySetResult(); await release.Task; return inputs.ToArray(); },
            new DynamicBatcherOptions(MaxBatchSize: 2, MaxDelay: TimeSpan.Zero));
        using var cancel = new CancellationTokenSource();

        var cancelled = batcher.SubmitAsync(1, cancel.Token);
        var neighbour = batcher.SubmitAsync(2);
        await started.Task.WaitAsync(Patience);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        release.SetResult();

        Assert.Equal(2, await neighbour.WaitAsync(Patience));
        Assert.Equal(3, await batcher.SubmitAsync(3).WaitAsync(Patience));
    }

    [Fact]
    public async Task Shutdown_with_draining_completes_every_waiting_request()
    {
        var time = new FakeTimeProvider();
        var batcher = new DynamicBatcher<int, int>(inputs => inputs.ToArray(), new DynamicBatcherOptions(MaxBatchSize: 100, MaxDelay: TimeSpan.FromHours(1)), time);
        var pending = Enumerable.Range(0, 10).Select(i => batcher.SubmitAsync(i)).ToArray();
        await Eventually(() => batcher.QueueLength == 10, "ten requests are queued");

        await batcher.ShutdownAsync(drain: true).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 10), await Task.WhenAll(pending));
        await Assert.ThrowsAsync<BatcherShutdownException>(() => batcher.SubmitAsync(99));
    }

    [Fact]
    public async Task Shutdown_without_draining_fails_every_waiting_request_so_none_is_left_hanging()
    {
        var time = new FakeTimeProvider();
        var batcher = new DynamicBatcher<int, int>(inputs => inputs.ToArray(), new DynamicBatcherOptions(MaxBatchSize: 100, MaxDelay: TimeSpan.FromHours(1)), time);
        var pending = Enumerable.Range(0, 10).Select(i => batcher.SubmitAsync(i)).ToArray();
        await Eventually(() => batcher.QueueLength == 10, "ten requests are queued");

        await batcher.ShutdownAsync(drain: false).WaitAsync(Patience);

        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<BatcherShutdownException>(() => request.WaitAsync(Patience));
        }

        Assert.Equal(10, batcher.Metrics().Failed);
    }

    [Fact]
    public async Task A_full_queue_rejects_with_a_clear_error_or_makes_the_caller_wait_for_room()
    {
        var time = new FakeTimeProvider();
        await using var rejecting = new DynamicBatcher<int, int>(inputs => inputs.ToArray(),
            new DynamicBatcherOptions(MaxBatchSize: 10, MaxDelay: TimeSpan.FromSeconds(1), QueueCapacity: 2, WhenFull: FullQueueBehavior.Reject), time);
        var queued = new[] { rejecting.SubmitAsync(1), rejecting.SubmitAsync(2) };

        var error = await Assert.ThrowsAsync<BatcherQueueFullException>(() => rejecting.SubmitAsync(3));
        Assert.Contains("QueueCapacity", error.Message);
        Assert.Equal(2, error.Capacity);
        Assert.Equal(1, rejecting.Metrics().Rejected);

        await using var waiting = new DynamicBatcher<int, int>(inputs => inputs.ToArray(),
            new DynamicBatcherOptions(MaxBatchSize: 10, MaxDelay: TimeSpan.FromSeconds(1), QueueCapacity: 2), time);
        var first = new[] { waiting.SubmitAsync(1), waiting.SubmitAsync(2) };
        var third = waiting.SubmitAsync(3);
        await Eventually(() => waiting.AwaitingDeadline && rejecting.AwaitingDeadline, "both dispatchers wait for their delays");
        await Task.Delay(20);
        Assert.False(third.IsCompleted, "the third request should wait for room");
        time.Advance(TimeSpan.FromSeconds(1)); // the first two of each batcher are dispatched, making room
        Assert.Equal(new[] { 1, 2 }, await Task.WhenAll(first).WaitAsync(Patience));
        Assert.Equal(new[] { 1, 2 }, await Task.WhenAll(queued).WaitAsync(Patience));
        await Eventually(() => waiting.AwaitingDeadline, "the dispatcher waits for the third request's delay");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await third.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_batch_function_that_returns_the_wrong_number_of_results_fails_its_callers_with_a_clear_message()
    {
        await using var batcher = new DynamicBatcher<int, int>(inputs => inputs.Skip(1).ToArray(), new DynamicBatcherOptions(MaxBatchSize: 2, MaxDelay: TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(1).WaitAsync(Patience));

        Assert.Contains("one result per input", error.Message);
    }

    [Theory]
    [InlineData(0, 1, 10, 1, "MaxBatchSize")]
    [InlineData(-3, 1, 10, 1, "MaxBatchSize")]
    [InlineData(8, -1, 10, 1, "MaxDelay")]
    [InlineData(8, 1, 0, 1, "QueueCapacity")]
    [InlineData(8, 1, 10, 0, "Workers")]
    public void Bad_options_are_refused_naming_the_setting(int maxBatchSize, int delayMilliseconds, int capacity, int workers, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicBatcher<int, int>(
            inputs => inputs.ToArray(),
            new DynamicBatcherOptions(maxBatchSize, TimeSpan.FromMilliseconds(delayMilliseconds), capacity, workers)));

        Assert.Equal(setting, error.ParamName);
    }
}

using BatchLearning.Serving;
using Microsoft.Extensions.Time.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Serving;

public sealed class ServingBadInputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Moves the fake clock in steps until the task completes (the timer it waits for may be created a moment later), within a hang guard.
    private static async Task AdvanceUntil(FakeTimeProvider time, Task task, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(step);
            await Task.Delay(1);
        }
    }

    [Fact]
    public void A_max_delay_beyond_the_timers_limit_is_refused_naming_the_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicBatcher<int, int>(
            inputs => inputs.ToArray(), new DynamicBatcherOptions(MaxBatchSize: 8, MaxDelay: TimeSpan.FromDays(60)), new FakeTimeProvider()));

        Assert.Equal("MaxDelay", error.ParamName);
        Assert.Contains("from 0 to 49.7 days", error.Message);
        Assert.Contains("got 60 days", error.Message);
    }

    [Fact]
    public async Task A_max_delay_of_49_days_is_served()
    {
        var time = new FakeTimeProvider();
        // No batch timeout: the fake clock moves a day at a time until the answer arrives, and a day's step landing after the batch was
        // dispatched but before it returned would otherwise run out the 1-minute batch timeout on the fake clock (a failure the test once met).
        var options = new DynamicBatcherOptions(MaxBatchSize: 8, MaxDelay: TimeSpan.FromDays(49)) { BatchTimeout = null };
        await using var batcher = new DynamicBatcher<int, int>(inputs => inputs.ToArray(), options, time);

        var lone = batcher.SubmitAsync(7);
        await AdvanceUntil(time, lone, TimeSpan.FromDays(1));

        Assert.Equal(7, await lone.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_fault_in_the_dispatch_loop_fails_the_waiting_callers_and_later_submits_instead_of_leaving_them_hanging()
    {
        var batcher = new DynamicBatcher<int, int>(inputs => inputs.ToArray(), new DynamicBatcherOptions(MaxBatchSize: 8, MaxDelay: TimeSpan.FromSeconds(1)), new BrokenTimers());

        var waiting = batcher.SubmitAsync(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.WaitAsync(Patience));
        Assert.Contains("dispatcher failed", error.Message);
        Assert.Equal("no timer today", error.InnerException!.Message);
        var later = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(2).WaitAsync(Patience));
        Assert.Contains("no timer today", later.Message);
        await batcher.ShutdownAsync(drain: false).WaitAsync(Patience);
        Assert.Equal(1, batcher.Metrics().Failed);
    }

    [Fact]
    public async Task A_batch_past_its_timeout_fails_only_its_callers_with_a_timeout_naming_it_and_the_batcher_goes_on()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<IReadOnlyList<int>>();
        await using var batcher = new DynamicBatcher<int, int>(
            (inputs, _) => inputs.Contains(13) ? never.Task : Task.FromResult<IReadOnlyList<int>>(inputs.ToArray()),
            new DynamicBatcherOptions(MaxBatchSize: 2, MaxDelay: TimeSpan.Zero) { BatchTimeout = TimeSpan.FromSeconds(5) },
            time);

        var stuck = batcher.SubmitAsync(13); // no token: only the timeout can end it
        await AdvanceUntil(time, stuck, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => stuck.WaitAsync(Patience));
        Assert.Contains("BatchTimeout (5 s)", error.Message);
        Assert.Equal(4, await batcher.SubmitAsync(4).WaitAsync(Patience)); // the only worker was freed
        Assert.Equal(1, batcher.Metrics().Failed);
        never.SetResult([13]);
    }

    [Fact]
    public async Task A_batch_function_that_ignores_its_token_cannot_hang_a_caller_when_no_timeout_is_set()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<IReadOnlyList<int>>();
        await using var batcher = new DynamicBatcher<int, int>(
            (_, _) => never.Task, // ignores its token and never returns
            new DynamicBatcherOptions(MaxBatchSize: 1, MaxDelay: TimeSpan.Zero),
            time);

        var stuck = batcher.SubmitAsync(1);
        await AdvanceUntil(time, stuck, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => stuck.WaitAsync(Patience));
        Assert.Contains("BatchTimeout (60 s)", error.Message);
        never.SetResult([1]);
    }

    [Fact]
    public async Task With_no_batch_timeout_at_all_the_callers_own_token_still_ends_its_wait_for_a_batch_that_never_returns()
    {
        var never = new TaskCompletionSource<IReadOnlyList<int>>();
        await using var batcher = new DynamicBatcher<int, int>(
            (_, _) => never.Task,
            new DynamicBatcherOptions(MaxBatchSize: 1, MaxDelay: TimeSpan.Zero) { BatchTimeout = null },
            new FakeTimeProvider());
        using var caller = new CancellationTokenSource();

        var waiting = batcher.SubmitAsync(1, caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        never.SetResult([1]);
    }

    [Fact]
    public async Task Shutdown_without_draining_returns_promptly_and_fails_the_callers_of_a_batch_that_never_finishes()
    {
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource<IReadOnlyList<int>>();
        var batcher = new DynamicBatcher<int, int>(
            (_, _) => { started.TrySetResult(); return never.Task; }, // ignores its token
            new DynamicBatcherOptions(MaxBatchSize: 1, MaxDelay: TimeSpan.Zero),
            new FakeTimeProvider());
        var running = batcher.SubmitAsync(1);
        await started.Task.WaitAsync(Patience);

        await batcher.ShutdownAsync(drain: false).WaitAsync(Patience);

        await Assert.ThrowsAsync<BatcherShutdownException>(() => running.WaitAsync(Patience));
        never.SetResult([1]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void A_batch_timeout_of_zero_or_less_is_refused(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicBatcher<int, int>(
            inputs => inputs.ToArray(), new DynamicBatcherOptions(8, TimeSpan.Zero) { BatchTimeout = TimeSpan.FromSeconds(seconds) }, new FakeTimeProvider()));

        Assert.Equal("BatchTimeout", error.ParamName);
        Assert.Contains("above 0 and at most 49.7 days", error.Message);
    }

    [Fact]
    public async Task A_request_of_the_wrong_width_fails_alone_and_the_rest_of_its_batch_is_answered()
    {
        using var model = nn.Linear(4, 3);
        var classify = ModelBatchFunction.Classifier(model, features: 4, CPU);
        var time = new FakeTimeProvider();
        await using var batcher = new DynamicBatcher<float[], int>(classify, new DynamicBatcherOptions(MaxBatchSize: 3, MaxDelay: TimeSpan.FromHours(1)), time);

        var first = batcher.SubmitAsync([1, 2, 3, 4]);
        var wide = batcher.SubmitAsync([1, 2, 3, 4, 5]);
        var last = batcher.SubmitAsync([4, 3, 2, 1]); // the third fills the batch

        Assert.InRange(await first.WaitAsync(Patience), 0, 2);
        Assert.InRange(await last.WaitAsync(Patience), 0, 2);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => wide.WaitAsync(Patience));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("expected width 4, got 5", error.Message);
        var metrics = batcher.Metrics();
        Assert.Equal(new Dictionary<int, long> { [3] = 1 }, metrics.BatchSizeCounts);
        Assert.Equal(2, metrics.Completed);
        Assert.Equal(1, metrics.Failed);
    }

    [Fact]
    public void A_request_holding_NaN_is_refused_rather_than_classified()
    {
        using var model = nn.Linear(2, 3);
        var classify = ModelBatchFunction.Classifier(model, features: 2, CPU);

        var results = Assert.IsType<BatchResults<int>>(classify([[1, 2], [float.NaN, 1]]));

        Assert.InRange(results[0], 0, 2);
        var error = Assert.Throws<ArgumentException>(() => results[1]);
        Assert.Contains("feature 0 is NaN", error.Message);
    }

    [Fact]
    public void A_classifier_width_below_1_is_refused()
    {
        using var model = nn.Linear(2, 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelBatchFunction.Classifier(model, features: 0, CPU));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public async Task An_open_loop_rate_that_is_not_a_finite_rate_ending_within_a_day_is_refused_before_waiting(double rate)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoadGenerator.OpenLoopAsync((_, _) => Task.CompletedTask, rate, 864, 1).WaitAsync(Patience));

        Assert.Equal("ratePerSecond", error.ParamName);
        Assert.Contains("valid range: 0.01 to 10,000,000", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task An_open_loop_request_count_outside_1_to_10_million_is_refused(int requests)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoadGenerator.OpenLoopAsync((_, _) => Task.CompletedTask, 100, requests, 1));

        Assert.Equal("requests", error.ParamName);
        Assert.Contains("from 1 to 10,000,000", error.Message);
    }

    [Theory]
    [InlineData(0, 10, "clients", "from 1 to 100,000")]
    [InlineData(-2, 10, "clients", "from 1 to 100,000")]
    [InlineData(4, 0, "requestsPerClient", "from 1 to 2,500,000")]
    [InlineData(100_000, 100_000, "requestsPerClient", "from 1 to 100")] // 10^10 requests in all would overflow
    public async Task Closed_loop_counts_out_of_range_are_refused(int clients, int requestsPerClient, string name, string range)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoadGenerator.ClosedLoopAsync((_, _) => Task.CompletedTask, clients, requestsPerClient));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void A_failure_outside_the_batch_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchResults<int>([1, 2], new Dictionary<int, Exception> { [2] = new InvalidOperationException() }));

        Assert.Equal("failures", error.ParamName);
        Assert.Contains("from 0 to 1", error.Message);
    }

    private sealed class BrokenTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            throw new InvalidOperationException("no timer today");
    }
}

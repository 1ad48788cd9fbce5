using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BatchLearning.Worker;

namespace BatchLearning.Tests.Worker;

public sealed class InboxWorkerTests
{
    [Fact]
    public async Task The_worker_runs_at_start_and_once_per_period_on_the_fake_clock()
    {
        using var bed = new WorkerTestBed();
        var expected = bed.Append(25).ToList();
        await bed.StartAsync();

        var first = await bed.NextRunAsync();
        Assert.Equal((1, 25), (first.Number, first.Result!.Classified));
        for (var period = 2; period <= 4; period++)
        {
            expected.AddRange(bed.Append(5));
            var run = await bed.NextPeriodAsync();
            Assert.Equal((period, 5), (run.Number, run.Result!.Classified));
        }

        // Four minutes start no run: the next run, a minute later, is the fifth.
        expected.AddRange(bed.Append(2));
        bed.Clock.Advance(TimeSpan.FromMinutes(4));
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var fifth = await bed.NextRunAsync();
        Assert.Equal((5, 2), (fifth.Number, fifth.Result!.Classified));
        await bed.StopAsync();

        Assert.Equal(expected, bed.CommittedIds());
    }

    [Fact]
    public async Task A_run_that_throws_is_logged_and_counted_and_the_next_period_runs_again()
    {
        using var bed = new WorkerTestBed();
        bed.Classifier.ThrowOnCall = 1;
        var expected = bed.Append(25);
        await bed.StartAsync("--BatchSize", "10");

        var failed = await bed.NextRunAsync();
        Assert.False(failed.Succeeded);
        Assert.Contains("model server is down", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(bed.CommittedIds());

        var retried = await bed.NextPeriodAsync();
        Assert.True(retried.Succeeded);
        Assert.Equal(25, retried.Result!.Classified);
        await bed.StopAsync();

        Assert.Equal(expected, bed.CommittedIds());
        Assert.Equal(1, bed.Metrics!.Sum("batchlearning.inbox.runs", "outcome", "failed"));
        Assert.Equal(1, bed.Metrics.Sum("batchlearning.inbox.runs", "outcome", "succeeded"));
    }

    [Fact]
    public async Task Stopping_in_the_middle_of_a_run_finishes_the_commit_in_progress_and_a_restart_does_the_rest_with_nothing_lost_or_repeated()
    {
        using var bed = new WorkerTestBed();
        var expected = bed.Append(30);
        bed.Classifier.HoldOnCall = 2; // the second commit's batch
        await bed.StartAsync("--MaxEmailsPerCommit", "10");
        Assert.True(await bed.Classifier.Held.WaitAsync(WorkerTestBed.HangGuard));

        var stopping = bed.StopAsync();
        Assert.True(bed.Worker.Stopping.WaitHandle.WaitOne(WorkerTestBed.HangGuard), "the host never asked the worker to stop");
        bed.Classifier.Release.Release();
        await stopping;

        var interrupted = await bed.NextRunAsync();
        Assert.Equal(20, interrupted.Result!.Classified);
        Assert.Equal(expected.Take(20), bed.CommittedIds());

        bed.Classifier.HoldOnCall = null;
        await bed.StartAsync("--MaxEmailsPerCommit", "10");
        var resumed = await bed.NextRunAsync();
        Assert.Equal(10, resumed.Result!.Classified);
        await bed.StopAsync();

        Assert.Equal(expected, bed.CommittedIds());
    }

    [Fact]
    public async Task The_worker_exports_runs_emails_batches_categories_confidence_agreement_dead_letters_and_backlog()
    {
        using var bed = new WorkerTestBed();
        bed.Append(10);
        bed.AppendBrokenLine();
        await bed.StartAsync("--BatchSize", "4");
        await bed.NextRunAsync();
        var metrics = bed.Metrics!;

        Assert.Equal([10.0], metrics.Of("batchlearning.inbox.run.emails").Select(m => m.Value));
        Assert.Equal(10, metrics.Sum("batchlearning.inbox.emails.committed"));
        Assert.Equal(1, metrics.Sum("batchlearning.inbox.dead_letters"));
        Assert.Equal([4.0, 4, 2], metrics.Of("batchlearning.inbox.batch.size").Select(m => m.Value));
        Assert.Single(metrics.Of("batchlearning.inbox.run.duration"));
        Assert.Equal(10, metrics.Sum("batchlearning.inbox.classifications"));
        Assert.All(metrics.Of("batchlearning.inbox.classifications"), m => Assert.True(m.Tags.ContainsKey("category")));
        Assert.Equal(10, metrics.Sum("batchlearning.inbox.labelled", "agreed", true)); // the fake predicts each label
        Assert.Equal(Enumerable.Repeat(0.9, 10), metrics.Of("batchlearning.inbox.confidence").Select(m => m.Value));
        Assert.Equal(0.9, metrics.Gauge("batchlearning.inbox.confidence.last_run")!.Value, 9);
        Assert.Equal(0, metrics.Gauge("batchlearning.inbox.backlog.emails"));
        Assert.Equal(0, metrics.Gauge("batchlearning.inbox.backlog.bytes"));

        // Mail that arrives between runs is the backlog, and its oldest email ages on the clock.
        var before = new FileInfo(bed.Inbox).Length;
        bed.Append(3, ago: TimeSpan.FromMinutes(10));
        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(3, metrics.Gauge("batchlearning.inbox.backlog.emails"));
        Assert.Equal(new FileInfo(bed.Inbox).Length - before, metrics.Gauge("batchlearning.inbox.backlog.bytes"));
        Assert.Equal(12 * 60, metrics.Gauge("batchlearning.inbox.backlog.oldest_age"));
        await bed.StopAsync();
    }

    [Fact]
    public async Task The_worker_logs_where_it_starts_from_and_a_warning_with_the_first_dead_letter_of_a_run()
    {
        using var bed = new WorkerTestBed();
        bed.Append(3);
        var brokenAt = new FileInfo(bed.Inbox).Length;
        bed.AppendBrokenLine();
        bed.AppendBrokenLine();
        await bed.StartAsync();
        await bed.NextRunAsync();
        await bed.StopAsync();
        var committed = new FileInfo(bed.Inbox).Length;
        bed.Append(2);
        await bed.StartAsync();
        await bed.NextRunAsync();
        await bed.StopAsync();

        var starts = bed.Logs.Entries.Where(e => e.Message.StartsWith("Starting from the checkpoint", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Equal(2, starts.Count);
        Assert.StartsWith($"Starting from the checkpoint: 0 inbox bytes already committed, {committed} bytes waiting", starts[0], StringComparison.Ordinal);
        Assert.StartsWith($"Starting from the checkpoint: {committed} inbox bytes already committed, {new FileInfo(bed.Inbox).Length - committed} bytes waiting", starts[1], StringComparison.Ordinal);
        var warning = Assert.Single(bed.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith($"Run 1: 2 line(s) could not be read and went to the dead letters; the first, at byte {brokenAt}: not a valid email JSON object", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_running_worker_returns_exit_code_0()
    {
        using var bed = new WorkerTestBed();
        bed.Append(5);
        using var cancel = new CancellationTokenSource();
        var reports = new List<InboxRunReport>();
        var exit = WorkerProgram.RunAsync(bed.Arguments(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(bed.Clock);
            builder.Services.AddSingleton<IEmailBatchClassifier>(bed.Classifier);
            builder.Services.AddSingleton<IProgress<InboxRunReport>>(new SynchronousProgress(report =>
            {
                lock (reports)
                {
                    reports.Add(report);
                }

                cancel.Cancel();
            }));
        }, cancel.Token);

        Assert.Equal(0, await exit.WaitAsync(WorkerTestBed.HangGuard));
        Assert.Equal(5, Assert.Single(reports).Result!.Classified);
        Assert.Equal(5, bed.CommittedIds().Count);
    }

    [Fact]
    public async Task A_worker_whose_parent_process_has_ended_stops_by_itself_with_exit_code_0()
    {
        using var bed = new WorkerTestBed();
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        await ended.WaitForExitAsync();

        var exit = WorkerProgram.RunAsync(bed.Arguments("--ParentProcessId", ended.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(bed.Logs);
            builder.Services.AddSingleton<TimeProvider>(bed.Clock);
            builder.Services.AddSingleton<IEmailBatchClassifier>(bed.Classifier);
        });

        Assert.Equal(0, await exit.WaitAsync(WorkerTestBed.HangGuard));
        Assert.Contains(bed.Logs.Entries, e => e.Message == $"The process that started the worker ({ended.Id}) has ended: stopping.");
    }

    private sealed class SynchronousProgress(Action<InboxRunReport> report) : IProgress<InboxRunReport>
    {
        public void Report(InboxRunReport value) => report(value);
    }
}

using System.Diagnostics;
using BatchLearning.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchLearning.Worker;

/// <summary>
/// The five-minute inbox job as a hosted service: at start-up it loads the classifier and opens the library's <see cref="InboxBatchJob"/> (taking the inbox's lock),
/// then runs it at once and at every tick of a <see cref="PeriodicTimer"/> on the injected <see cref="TimeProvider"/>. A run that throws is logged and counted,
/// and the next tick runs again. On shutdown (Ctrl+C, SIGTERM) the run in progress finishes the commit it is in and stops: commits are atomic,
/// so if the host's shutdown timeout cuts even that short, the next start redoes the uncommitted part, losing and repeating nothing.
/// </summary>
public sealed partial class InboxWorker(
    IOptions<InboxWorkerOptions> options,
    IEmailBatchClassifier classifier,
    InboxMetrics metrics,
    TimeProvider clock,
    ILogger<InboxWorker> logger,
    IProgress<InboxRunReport>? progress = null) : BackgroundService
{
    private InboxBatchJob? _job;

    /// <summary>Cancelled when the host stops (tests wait on it to stop the worker in the middle of a run).</summary>
    internal CancellationToken Stopping { get; private set; } = new CancellationToken(canceled: false);

    private int _runs;

    /// <summary>Loads the classifier and opens the job, so a damaged model or an inbox held by another job stops the start-up; then starts the loop.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (classifier is SavedEmailClassifier saved)
        {
            saved.Load();
        }

        var jobOptions = new InboxJobOptions(settings.Inbox!, settings.OutputFolder) { MaxEmailsPerCommit = settings.MaxEmailsPerCommit, BatchSize = settings.BatchSize };
        _job = InboxBatchJob.Open(jobOptions, metrics.Measure(classifier.Predict), clock);
        var job = _job;
        metrics.WatchBacklog(() => job.MeasureBacklog());
        LogStarted(Path.GetFullPath(settings.Inbox!), Path.GetFullPath(settings.OutputFolder), settings.Period);
        var committed = job.CommittedOffset;
        LogResuming(committed, Math.Max(0, new FileInfo(settings.Inbox!).Length - committed));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Waits for the run in progress to finish its commit, then releases the inbox.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(_runs);
    }

    /// <summary>Releases the inbox's lock.</summary>
    public override void Dispose()
    {
        _job?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Stopping = stoppingToken;
        await Task.Yield(); // the first run must not hold up the host's start
        using var timer = new PeriodicTimer(options.Value.Period, clock);
        try
        {
            do
            {
                RunOnce(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM between runs: nothing is in progress.
        }
    }

    private void RunOnce(CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var number = ++_runs;
        var startedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            var result = metrics.Run(_job!, stoppingToken);
            if (result.Commits > 0)
            {
                LogRun(number, result.Classified, result.DeadLetters, result.Commits, watch.Elapsed.TotalMilliseconds, result.EndOffset);
            }
            else
            {
                LogNothingNew(number);
            }

            if (result.FirstDeadLetter is { } letter)
            {
                LogDeadLetters(number, result.DeadLetters, letter.Offset, letter.Reason);
            }

            if (stoppingToken.IsCancellationRequested && result.EndOffset < new FileInfo(options.Value.Inbox!).Length)
            {
                LogStoppedBetweenCommits(number, result.EndOffset);
            }

            progress?.Report(new InboxRunReport(number, startedAt, result, null));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogRunFailed(error, number, options.Value.Period, error.Message);
            progress?.Report(new InboxRunReport(number, startedAt, null, error));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifying {Inbox} into {Output} every {Period}; Ctrl+C or SIGTERM stops after the commit in progress.")]
    private partial void LogStarted(string inbox, string output, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting from the checkpoint: {Committed} inbox bytes already committed, {Waiting} bytes waiting.")]
    private partial void LogResuming(long committed, long waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Run}: {Classified} emails classified, {DeadLetters} dead letters, {Commits} commit(s), {Milliseconds:0} ms; committed up to byte {Offset}.")]
    private partial void LogRun(int run, int classified, int deadLetters, int commits, double milliseconds, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {Run}: {DeadLetters} line(s) could not be read and went to the dead letters; the first, at byte {Offset}: {Reason}")]
    private partial void LogDeadLetters(int run, int deadLetters, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {Run}: nothing new in the inbox.")]
    private partial void LogNothingNew(int run);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Run} stopped between commits for shutdown at byte {Offset}; the next start goes on from there.")]
    private partial void LogStoppedBetweenCommits(int run, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {Run} failed; nothing uncommitted is kept, and the next run in {Period} tries again: {Reason}")]
    private partial void LogRunFailed(Exception error, int run, TimeSpan period, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after {Runs} run(s); the inbox is released.")]
    private partial void LogStopped(int runs);
}

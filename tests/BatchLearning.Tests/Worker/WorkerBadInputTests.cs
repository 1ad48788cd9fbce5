using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchLearning.Tests.Worker;

public sealed class WorkerBadInputTests
{
    [Fact]
    public void A_missing_inbox_and_model_are_named_with_how_to_give_them()
    {
        var failures = Failures(new InboxWorkerOptions());
        Assert.Contains(failures, f => f.StartsWith("Inbox is not set", StringComparison.Ordinal) && f.Contains("--Inbox FILE", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model is not set", StringComparison.Ordinal) && f.Contains("inbox train --model", StringComparison.Ordinal));
    }

    [Fact]
    public void An_inbox_or_model_that_is_not_there_is_named_with_its_full_path()
    {
        using var bed = new WorkerTestBed();
        var failures = Failures(new InboxWorkerOptions { Inbox = Path.Combine(bed.Folder, "nowhere.jsonl"), Model = bed.Folder, Output = bed.Output });
        Assert.Contains(failures, f => f.Contains(Path.Combine(bed.Folder, "nowhere.jsonl"), StringComparison.Ordinal) && f.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"Model '{bed.Folder}' holds no saved classifier", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(50 * 24 * 60 * 60)]
    public void A_period_of_zero_or_below_or_beyond_49_days_is_refused_with_the_range(int seconds)
    {
        using var bed = new WorkerTestBed();
        var failure = Assert.Single(Failures(Valid(bed) with { Period = TimeSpan.FromSeconds(seconds) }));
        Assert.Contains("Period must be above 0 and at most 49 days", failure, StringComparison.Ordinal);
        Assert.Contains($"got {TimeSpan.FromSeconds(seconds)}", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 256, 0, "MaxEmailsPerCommit must be from 1 to 1,000,000; got 0.")]
    [InlineData(1_000_001, 256, 0, "MaxEmailsPerCommit must be from 1 to 1,000,000; got 1000001.")]
    [InlineData(100, 0, 0, "BatchSize must be from 1 to 100,000; got 0.")]
    [InlineData(100, 256, 70_000, "MetricsPort must be from 1 to 65,535, or 0 for no metrics endpoint; got 70000.")]
    public void Sizes_and_ports_out_of_range_are_refused_with_the_range(int maxPerCommit, int batchSize, int port, string expected)
    {
        using var bed = new WorkerTestBed();
        Assert.Equal(expected, Assert.Single(Failures(Valid(bed) with { MaxEmailsPerCommit = maxPerCommit, BatchSize = batchSize, MetricsPort = port })));
    }

    [Fact]
    public void A_negative_parent_process_id_is_refused()
    {
        using var bed = new WorkerTestBed();
        Assert.Equal("ParentProcessId must be a process id, or 0 for none; got -3.", Assert.Single(Failures(Valid(bed) with { ParentProcessId = -3 })));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused()
    {
        using var bed = new WorkerTestBed();
        var underAFile = Path.Combine(bed.Inbox, "output"); // a folder cannot be made inside a file, even by root
        var failure = Assert.Single(Failures(Valid(bed) with { Output = underAFile }));
        Assert.StartsWith($"Output '{underAFile}' is not writable", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_settings_pass_and_the_output_defaults_to_a_folder_beside_the_inbox()
    {
        using var bed = new WorkerTestBed();
        Assert.Empty(Failures(Valid(bed)));
        Assert.Equal(Path.Combine(bed.Folder, "inbox-classified"), (Valid(bed) with { Output = null }).OutputFolder);
    }

    [Fact]
    public async Task Bad_settings_stop_the_worker_at_start_up_with_exit_code_78_and_one_log_line_naming_each()
    {
        using var bed = new WorkerTestBed();
        var log = new List<(LogLevel Level, string Message)>();
        var exit = await WorkerProgram.RunAsync(["--Inbox", Path.Combine(bed.Folder, "nowhere.jsonl"), "--Period", "00:00:00"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ListLoggerProvider(log));
        }).WaitAsync(WorkerTestBed.HangGuard);

        Assert.Equal(WorkerProgram.InvalidConfiguration, exit);
        var (level, message) = Assert.Single(log, l => l.Level >= LogLevel.Error);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
        Assert.Contains("Model is not set", message, StringComparison.Ordinal);
        Assert.Contains("Period must be above 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_is_not_a_time_span_is_refused_at_start_up_naming_the_setting_and_value()
    {
        using var bed = new WorkerTestBed();
        var log = new List<(LogLevel Level, string Message)>();
        var exit = await WorkerProgram.RunAsync(bed.Arguments("--Period", "five"), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ListLoggerProvider(log));
        }).WaitAsync(WorkerTestBed.HangGuard);

        Assert.Equal(WorkerProgram.InvalidConfiguration, exit);
        var (_, message) = Assert.Single(log, l => l.Level >= LogLevel.Error);
        Assert.Contains("'five' at 'Period'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_model_stops_the_start_up_with_exit_code_1_and_the_file_named()
    {
        using var bed = new WorkerTestBed(); // its model folder holds placeholder files, not a classifier
        var log = new List<(LogLevel Level, string Message)>();
        var exit = await WorkerProgram.RunAsync(bed.Arguments(), builder => builder.Logging.AddProvider(new ListLoggerProvider(log))).WaitAsync(WorkerTestBed.HangGuard);

        Assert.Equal(WorkerProgram.StartupFailed, exit);
        Assert.Contains(log, l => l.Level == LogLevel.Critical && l.Message.Contains("classifier.json", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Message.Contains("   at ", StringComparison.Ordinal)); // no stack trace
    }

    [Fact]
    public async Task An_inbox_held_by_another_job_stops_the_start_up_with_exit_code_1_and_one_line_without_a_stack_trace()
    {
        using var bed = new WorkerTestBed();
        using var holder = InboxBatchJob.Open(new InboxJobOptions(bed.Inbox, bed.Output + "-other"), emails => emails.Select(_ => EmailCategory.Work).ToList());
        var (exit, log) = await RunWithFakeClassifier(bed, bed.Arguments());

        Assert.Equal(WorkerProgram.StartupFailed, exit);
        var (level, message) = Assert.Single(log, l => l.Level >= LogLevel.Error);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("already processing the inbox", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metrics_port_already_in_use_stops_the_start_up_naming_the_port_without_a_stack_trace()
    {
        using var bed = new WorkerTestBed();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var (exit, log) = await RunWithFakeClassifier(bed, bed.Arguments("--MetricsPort", port.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(WorkerProgram.StartupFailed, exit);
        var (_, message) = Assert.Single(log, l => l.Level >= LogLevel.Error);
        Assert.Contains($"MetricsPort {port}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_shares_outside_0_to_1_are_refused_with_the_range()
    {
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var perDay = Assert.Throws<ArgumentOutOfRangeException>(() => EmailGenerator.Day(10, new DateOnly(2026, 3, 2), 1, drift: new EmailDrift(start, 1.5)));
        Assert.Equal("SharePerDay", perDay.ParamName);
        Assert.Contains("from 0 to 1", perDay.Message, StringComparison.Ordinal);
        var max = Assert.Throws<ArgumentOutOfRangeException>(() => EmailGenerator.Day(10, new DateOnly(2026, 3, 2), 1, drift: new EmailDrift(start, 0.5, double.NaN)));
        Assert.Equal("MaxShare", max.ParamName);
    }

    // Runs the worker to its exit with the bed's fake classifier (so a start-up failure is not the placeholder model's), capturing the log.
    private static async Task<(int Exit, List<(LogLevel Level, string Message)> Log)> RunWithFakeClassifier(WorkerTestBed bed, string[] arguments)
    {
        var log = new List<(LogLevel Level, string Message)>();
        var exit = await WorkerProgram.RunAsync(arguments, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ListLoggerProvider(log));
            builder.Services.AddSingleton<IEmailBatchClassifier>(bed.Classifier);
        }).WaitAsync(WorkerTestBed.HangGuard);
        return (exit, log);
    }

    private static InboxWorkerOptions Valid(WorkerTestBed bed) => new() { Inbox = bed.Inbox, Model = bed.Model, Output = bed.Output };

    private static IReadOnlyList<string> Failures(InboxWorkerOptions options) =>
        new InboxWorkerOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private sealed class ListLoggerProvider(List<(LogLevel Level, string Message)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(log);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<(LogLevel Level, string Message)> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (log)
                {
                    // As the console logger does: the exception's text (with its stack trace) under the message.
                    log.Add((logLevel, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
                }
            }
        }
    }
}

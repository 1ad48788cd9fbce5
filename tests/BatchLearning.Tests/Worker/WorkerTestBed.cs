using System.Diagnostics.Metrics;
using System.Threading.Channels;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;
using BatchLearning.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BatchLearning.Tests.Worker;

/// <summary>A worker host on a fake clock, with a fake classifier, an inbox in a temporary folder, and the reports of its runs to wait on.</summary>
internal sealed class WorkerTestBed : IDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly Channel<InboxRunReport> _reports = Channel.CreateUnbounded<InboxRunReport>();
    private int _nextId = 1;

    public WorkerTestBed()
    {
        Folder = Repository.NewTemporaryFolder();
        Inbox = Path.Combine(Folder, "inbox.jsonl");
        Output = Path.Combine(Folder, "output");
        Model = Path.Combine(Folder, "model");
        Directory.CreateDirectory(Model);
        File.WriteAllText(Path.Combine(Model, "classifier.json"), "{}"); // the fake classifier stands in for it; the settings check only that it is there
        File.WriteAllText(Path.Combine(Model, "model.bin"), "");
        File.WriteAllText(Inbox, "");
    }

    public string Folder { get; }

    public string Inbox { get; }

    public string Output { get; }

    public string Model { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public FakeClassifier Classifier { get; } = new();

    public IHost? Host { get; private set; }

    public MetricsRecorder? Metrics { get; private set; }

    /// <summary>What the worker logged, over every host this bed started.</summary>
    public ListLogger Logs { get; } = new();

    public InboxWorker Worker => Host!.Services.GetServices<IHostedService>().OfType<InboxWorker>().Single();

    public string[] Arguments(params string[] more) =>
        ["--Inbox", Inbox, "--Model", Model, "--Output", Output, "--Period", "00:05:00", .. more];

    /// <summary>Appends <paramref name="count"/> labelled emails that arrived <paramref name="ago"/> before the fake clock's now; returns their ids.</summary>
    public IReadOnlyList<string> Append(int count, TimeSpan ago = default)
    {
        var emails = EmailGenerator.Day(count, new DateOnly(2026, 3, 2), seed: _nextId, firstId: _nextId)
            .Select(e => e with { ReceivedAt = Clock.GetUtcNow() - ago })
            .ToList();
        _nextId += count;
        File.AppendAllText(Inbox, string.Concat(emails.Select(e => EmailJson.ToLine(e) + "\n")));
        return emails.Select(e => e.Id).ToList();
    }

    public void AppendBrokenLine() => File.AppendAllText(Inbox, "{not an email\n");

    /// <summary>Builds and starts a host (a new one after <see cref="StopAsync"/>: same inbox, output and clock).</summary>
    public async Task StartAsync(params string[] more)
    {
        Host?.Dispose();
        var builder = WorkerProgram.CreateBuilder(Arguments(more));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<IEmailBatchClassifier>(Classifier);
        builder.Services.AddSingleton<IProgress<InboxRunReport>>(new ChannelProgress(_reports.Writer));
        Host = builder.Build();
        Metrics?.Dispose();
        Metrics = new MetricsRecorder(Host.Services); // before the start, so the first run is measured too
        await Host.StartAsync().WaitAsync(HangGuard);
    }

    public async Task<InboxRunReport> NextRunAsync() => await _reports.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>Moves the fake clock one period on and waits for the run it starts.</summary>
    public async Task<InboxRunReport> NextPeriodAsync()
    {
        Clock.Advance(TimeSpan.FromMinutes(5));
        return await NextRunAsync();
    }

    public async Task StopAsync() => await Host!.StopAsync().WaitAsync(HangGuard);

    public IReadOnlyList<string> CommittedIds() => InboxBatchJob.ReadResults(Output).Select(r => r.Id).ToList();

    public void Dispose()
    {
        Metrics?.Dispose();
        Host?.Dispose();
    }

    private sealed class ChannelProgress(ChannelWriter<InboxRunReport> writer) : IProgress<InboxRunReport>
    {
        public void Report(InboxRunReport value) => writer.TryWrite(value);
    }
}

/// <summary>
/// Predicts each email's label (Work when it has none) with confidence 0.9, or 0.4 for emails whose subject contains "crypto";
/// can throw on a chosen call, or hold a chosen call until released.
/// </summary>
internal sealed class FakeClassifier : IEmailBatchClassifier
{
    private int _calls;

    public int? ThrowOnCall { get; set; }

    public int? HoldOnCall { get; set; }

    public SemaphoreSlim Held { get; } = new(0);

    public SemaphoreSlim Release { get; } = new(0);

    public IReadOnlyList<EmailPrediction> Predict(IReadOnlyList<EmailMessage> emails)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call == ThrowOnCall)
        {
            throw new InvalidOperationException("the model server is down (a test's fault)");
        }

        if (call == HoldOnCall)
        {
            Held.Release();
            if (!Release.Wait(WorkerTestBed.HangGuard))
            {
                throw new TimeoutException("the test never released the classifier");
            }
        }

        return emails.Select(e =>
        {
            var confidence = e.Subject.Contains("crypto", StringComparison.OrdinalIgnoreCase) ? 0.4 : 0.9;
            var category = e.Category ?? EmailCategory.Work;
            var probabilities = Enum.GetValues<EmailCategory>().Select(c => c == category ? confidence : (1 - confidence) / 4).ToArray();
            return new EmailPrediction(category, confidence, probabilities);
        }).ToList();
    }
}

/// <summary>Collects the measurements of one host's meter "BatchLearning.Inbox" (instruments of other hosts, in tests running beside, are ignored).</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public MetricsRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InboxMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string instrument)
    {
        lock (_gate)
        {
            return _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToList();
        }
    }

    public double Sum(string instrument, string? tag = null, object? value = null) =>
        Of(instrument).Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    /// <summary>Reads the gauges now and returns each one's value.</summary>
    public double? Gauge(string instrument)
    {
        lock (_gate)
        {
            _measurements.RemoveAll(m => m.Instrument == instrument);
        }

        _listener.RecordObservableInstruments();
        return Of(instrument).Select(m => (double?)m.Value).LastOrDefault();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_gate)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }
}

/// <summary>Keeps every log event of the worker's categories: level and message.</summary>
internal sealed class ListLogger : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("BatchLearning", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (owner._entries)
                {
                    owner._entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}

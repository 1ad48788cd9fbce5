using System.Globalization;

namespace BatchLearning.Jobs;

/// <summary>
/// How <see cref="InboxWorkerProcess"/> starts the inbox worker (src/BatchLearning.Worker): its settings, passed on its command line, and the limits of the process.
/// </summary>
/// <param name="Inbox">The JSON Lines inbox; it must exist.</param>
/// <param name="Model">A classifier folder saved by <c>EmailClassifier.Save</c> or <c>inbox train</c>.</param>
/// <param name="Output">Results, dead letters and the checkpoint.</param>
public sealed record InboxWorkerSettings(string Inbox, string Model, string Output)
{
    /// <summary>Time between runs, above 0 and at most 49 days; 5 minutes by default (the worker's own default).</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most emails per commit, from 1 to 1,000,000; 10,000 by default.</summary>
    public int MaxEmailsPerCommit { get; init; } = 10_000;

    /// <summary>Emails per forward pass, from 1 to 100,000; 256 by default.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// The largest file the worker may write, in bytes, from 512 to 1 GiB (the operating system's file-size limit, RLIMIT_FSIZE, set with <c>ulimit -f</c>,
    /// which holds for root too): a write past it fails with "File too large", as a write to a full disk fails. Null (default) for no limit. Linux and macOS only.
    /// </summary>
    public long? FileSizeLimitBytes { get; init; }

    /// <summary>The worker's BatchLearning.Worker.dll; null (default) to find the one built in this repository (<c>dotnet build</c> builds it).</summary>
    public string? WorkerPath { get; init; }

    /// <summary>The worker's command line: its settings, this process as its owner (it stops when this one ends), and logs as JSON lines (one per event).</summary>
    internal IReadOnlyList<string> Arguments() =>
    [
        "--Inbox", Inbox, "--Model", Model, "--Output", Output,
        "--Period", Period.ToString("c", CultureInfo.InvariantCulture),
        "--MaxEmailsPerCommit", MaxEmailsPerCommit.ToString(CultureInfo.InvariantCulture),
        "--BatchSize", BatchSize.ToString(CultureInfo.InvariantCulture),
        "--ParentProcessId", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), // it stops if this process ends without stopping it
        "--Logging:Console:FormatterName", "json",
        "--Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff",
        "--Logging:Console:FormatterOptions:UseUtcTimestamp", "true",
    ];

    /// <summary>Checks the values this type adds to the worker's own (the worker checks the rest at its start).</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Inbox, nameof(Inbox));
        ArgumentException.ThrowIfNullOrWhiteSpace(Model, nameof(Model));
        ArgumentException.ThrowIfNullOrWhiteSpace(Output, nameof(Output));
        if (FileSizeLimitBytes is < 512 or > 1L << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(FileSizeLimitBytes), FileSizeLimitBytes, string.Create(CultureInfo.InvariantCulture,
                $"FileSizeLimitBytes must be from 512 bytes to 1 GiB, or null for no limit; got {FileSizeLimitBytes}."));
        }

        if (FileSizeLimitBytes is not null && OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("FileSizeLimitBytes needs ulimit -f (Linux or macOS); Windows has no per-process file-size limit.");
        }
    }
}

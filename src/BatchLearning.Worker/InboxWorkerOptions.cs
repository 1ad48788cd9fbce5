namespace BatchLearning.Worker;

/// <summary>
/// The worker's settings, bound from the root of the configuration: appsettings.json, then environment variables prefixed BATCHLEARNING_
/// (for example BATCHLEARNING_Inbox), then the command line (for example --Inbox data/emails-sample.jsonl --Model artifacts/email-model --Period 00:00:10).
/// Checked at start-up by <see cref="InboxWorkerOptionsValidator"/>: a bad setting stops the worker before its first run, with one log line that says which and why.
/// </summary>
public sealed record InboxWorkerOptions
{
    /// <summary>The JSON Lines inbox (one email per line) that other programs append to; required, and it must exist (it may be empty).</summary>
    public string? Inbox { get; set; }

    /// <summary>A classifier folder saved by <c>inbox train</c> (classifier.json and model.bin); required.</summary>
    public string? Model { get; set; }

    /// <summary>Where results, dead letters and the checkpoint go; created when missing, and it must be writable. Defaults to INBOX-classified beside the inbox.</summary>
    public string? Output { get; set; }

    /// <summary>Time between the starts of two runs, above zero and at most 49 days (the timer's limit); defaults to 5 minutes. The first run starts at once.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most emails committed at once, from 1 to 1,000,000 (a larger backlog takes several commits); defaults to 10,000. Shutdown waits for at most one commit.</summary>
    public int MaxEmailsPerCommit { get; set; } = 10_000;

    /// <summary>Emails per forward pass of the classifier, from 1 to 100,000; defaults to 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// The port of a Prometheus-format metrics endpoint on localhost (http://localhost:PORT/metrics), from 1 to 65,535; 0 (the default) serves none.
    /// The metrics exist either way (meter "BatchLearning.Inbox"), for dotnet-counters or any MeterListener.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>
    /// The id of the process that started the worker, when that process owns it (a notebook, a test): once it has ended the worker stops, as on SIGTERM.
    /// 0 (the default) for none: the worker runs until it is told to stop.
    /// </summary>
    public int ParentProcessId { get; set; }

    /// <summary>The output folder: <see cref="Output"/>, or INBOX-classified beside the inbox when it is not set.</summary>
    public string OutputFolder => string.IsNullOrWhiteSpace(Output)
        ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Inbox ?? "inbox"))!, Path.GetFileNameWithoutExtension(Inbox ?? "inbox") + "-classified")
        : Output;
}

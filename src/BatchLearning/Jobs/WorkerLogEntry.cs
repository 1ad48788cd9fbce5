namespace BatchLearning.Jobs;

/// <summary>One line the worker logged (its console logger writes JSON, one event per line), or a line of other output.</summary>
/// <param name="Time">The worker's timestamp, HH:mm:ss.fff (UTC); empty for other output.</param>
/// <param name="Level">Information, Warning, Error, Critical, ...; "Output" for a line that is not a log event (for example the runtime's own error).</param>
/// <param name="Category">The logger, for example BatchLearning.Worker.InboxWorker or Microsoft.Hosting.Lifetime.</param>
/// <param name="Message">The message.</param>
/// <param name="Exception">The exception logged with it, with its stack trace; null when none.</param>
public sealed record WorkerLogEntry(string Time, string Level, string Category, string Message, string? Exception)
{
    /// <summary>True for the worker's own events (category BatchLearning.*), not the host's.</summary>
    public bool IsFromWorker => Category.StartsWith("BatchLearning", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Time} {Level}: {Message}";
}

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

    /// <summary>
    /// The event's named values, as its message template named them ("Committed" in "Starting from the checkpoint: {Committed} inbox bytes ..."),
    /// each as the logger wrote it; empty for other output.
    /// </summary>
    public IReadOnlyDictionary<string, string> State { get; init; } = new Dictionary<string, string>();

    /// <summary>The named value <paramref name="name"/> as a number, or NaN when the event has no such value or it is not a number.</summary>
    public double Number(string name) =>
        State.TryGetValue(name, out var text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;

    /// <inheritdoc />
    public override string ToString() => $"{Time} {Level}: {Message}";
}

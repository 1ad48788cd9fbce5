using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace BatchLearning.Server;

/// <summary>Checks <see cref="InferenceServerOptions"/> at start-up; each failure names the setting, its valid range and the value given.</summary>
public sealed class InferenceServerOptionsValidator : IValidateOptions<InferenceServerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InferenceServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckAddress(options, failures);
        Range(failures, nameof(options.Port), options.Port, 0, 65_535, "0 picks a free port");
        Range(failures, nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 4_096);
        Range(failures, nameof(options.MaxRunningSequences), options.MaxRunningSequences, 1, 4_096);
        Range(failures, nameof(options.BatchApiChunkSize), options.BatchApiChunkSize, 1, 100_000);
        Range(failures, nameof(options.MaxFileBytes), options.MaxFileBytes, 1, 512L * 1024 * 1024, "512 MB is OpenAI's limit for any file");
        Range(failures, nameof(options.ContextTokens), options.ContextTokens, 1, 10_000_000);
        Range(failures, nameof(options.RequestsPerMinute), options.RequestsPerMinute, 0, 100_000_000, "0 for no limit");
        Range(failures, nameof(options.TokensPerMinute), options.TokensPerMinute, 0, 1_000_000_000, "0 for no limit");
        Span(failures, nameof(options.MaxBatchDelay), options.MaxBatchDelay, TimeSpan.Zero, TimeSpan.FromSeconds(10), allowZero: true);
        Span(failures, nameof(options.BatchApiChunkInterval), options.BatchApiChunkInterval, TimeSpan.Zero, TimeSpan.FromDays(1), allowZero: true);
        Span(failures, nameof(options.BatchCompletionWindow), options.BatchCompletionWindow, TimeSpan.Zero, TimeSpan.FromDays(7), allowZero: false);
        Span(failures, nameof(options.RateLimitWindow), options.RateLimitWindow, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), allowZero: false);
        if (string.IsNullOrWhiteSpace(options.ModelName))
        {
            failures.Add("ModelName must not be empty: clients send it as the request's \"model\".");
        }

        try
        {
            _ = LatencyProfile.Find(options.LatencyProfile);
        }
        catch (ArgumentException error)
        {
            failures.Add(error.Message[..(error.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var end and > 0 ? end : error.Message.Length)]);
        }

        if (!string.IsNullOrWhiteSpace(options.Model) && !File.Exists(Path.Combine(options.Model, "classifier.json")))
        {
            failures.Add($"Model must be a folder holding a saved classifier (classifier.json and model.bin), or empty to train one at start-up; '{Path.GetFullPath(options.Model)}' holds none.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True when <paramref name="host"/> is localhost or a loopback IP address.</summary>
    public static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static void CheckAddress(InferenceServerOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Host) || (!IsLoopback(options.Host) && !IPAddress.TryParse(options.Host, out _)))
        {
            failures.Add($"Host must be an IP address or localhost; got '{options.Host}'.");
        }
        else if (!IsLoopback(options.Host) && !options.AllowRemote)
        {
            failures.Add($"Host is '{options.Host}', which other machines can reach; the server listens on loopback only (127.0.0.1, ::1, localhost) unless you also pass --AllowRemote true.");
        }
    }

    private static void Range(List<string> failures, string setting, long value, long min, long max, string? note = null)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be from {min:N0} to {max:N0}{(note is null ? "" : $" ({note})")}; got {value:N0}."));
        }
    }

    private static void Span(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max, bool allowZero)
    {
        if (value < min || value > max || (!allowZero && value <= TimeSpan.Zero))
        {
            var lower = allowZero || min > TimeSpan.Zero ? $"from {min}" : $"above {min}";
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be {lower} to {max} (d.hh:mm:ss); got {value}."));
        }
    }
}

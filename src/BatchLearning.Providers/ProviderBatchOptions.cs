using System.Globalization;

namespace BatchLearning.Providers;

/// <summary>How a <see cref="ProviderBatchClient"/> talks to the provider and how patiently it polls.</summary>
public sealed record ProviderBatchOptions
{
    /// <summary>Wait before the first status check; from 0 to 1 hour, default 30 seconds.</summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each wait is the previous one times this factor (exponential backoff); from 1 to 10, default 1.5.</summary>
    public double PollBackoff { get; init; } = 1.5;

    /// <summary>The longest wait between two status checks; from <see cref="FirstPollDelay"/> to 6 hours, default 10 minutes.</summary>
    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one wait may poll before it gives up (the batch keeps running, its id stays saved); above 0 and at most 7 days, default 25 hours (the 24-hour window plus an hour).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromHours(25);

    /// <summary>Retries of a failed request (a 5xx, a 429, a dropped connection), done by the SDK with its own backoff; from 0 to 10, default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// Where the provider's API is; null (default) for the real one (https://api.openai.com/v1, https://api.anthropic.com).
    /// Tests point this at a local server.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Limits per batch file; null (default) for the provider's published ones (<see cref="ProviderBatchLimits.OpenAi"/>, <see cref="ProviderBatchLimits.Anthropic"/>).</summary>
    public ProviderBatchLimits? Limits { get; init; }

    /// <summary>The clock used for waiting between polls and for elapsed times; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (the API key); defaults to the process environment. Tests give their own.</summary>
    public Func<string, string?> ReadEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Checks every value against its range, naming the one that is out.</summary>
    internal ProviderBatchOptions Validated()
    {
        InRange(FirstPollDelay, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(FirstPollDelay));
        InRange(MaxPollDelay, FirstPollDelay, TimeSpan.FromHours(6), nameof(MaxPollDelay));
        if (MaxWait <= TimeSpan.Zero || MaxWait > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, $"MaxWait must be above 0 and at most 7 days; got {MaxWait}.");
        }

        if (!double.IsFinite(PollBackoff) || PollBackoff < 1 || PollBackoff > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(PollBackoff), PollBackoff, string.Create(CultureInfo.InvariantCulture, $"PollBackoff must be a finite factor from 1 to 10; got {PollBackoff}."));
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, $"MaxRetries must be from 0 to 10; got {MaxRetries}.");
        }

        if (Endpoint is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"Endpoint must be an absolute http(s) address; got '{Endpoint}'.", nameof(Endpoint));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(ReadEnvironment, nameof(ReadEnvironment));
        Limits?.Validate();
        return this;
    }

    private static void InRange(TimeSpan value, TimeSpan minimum, TimeSpan maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be from {minimum} to {maximum}; got {value}.");
        }
    }
}

namespace BatchLearning.Providers;

/// <summary>Settings of <see cref="ModelCallComparison.RunAsync"/>: how the three ways of calling a model are driven.</summary>
/// <param name="Model">The model the requests name: "batchlearning-email" for the course's server, "gpt-4o-mini" for OpenAI.</param>
/// <param name="BatchFolder">Where the batch path writes its request file, its state and its results (created when missing; one run per folder).</param>
public sealed record ModelCallOptions(string Model, string BatchFolder)
{
    /// <summary>Callers sending one email per request at once, as a service's request threads would; from 1 to 256, defaults to 8.</summary>
    public int ConcurrentCallers { get; init; } = 8;

    /// <summary>Emails in one request of the packed path (k), from 2 to 100; defaults to 10.</summary>
    public int EmailsPerRequest { get; init; } = 10;

    /// <summary>The API key sent; defaults to "local" (the course's server takes any key). A provider needs its real key.</summary>
    public string ApiKey { get; init; } = "local";

    /// <summary>Retries of a call answered 429, 408 or 5xx, from 0 to 10; defaults to 5 (the client waits the Retry-After the server sends).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>
    /// The batch path's first wait before it polls, doubled up to <see cref="ProviderBatchOptions.MaxPollDelay"/>; defaults to 100 ms, right for the course's server.
    /// A provider's batch takes minutes to hours: poll it every minute or more.
    /// </summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A pause before each path after the first, from 0 to 10 minutes; defaults to 0. Set it a little longer than the server's rate-limit window,
    /// so each path starts with the whole limit to itself (otherwise a path pays for the requests of the one before it).
    /// </summary>
    public TimeSpan PauseBetweenPaths { get; init; } = TimeSpan.Zero;

    /// <summary>How long the batch path waits for its batch at most; defaults to 5 minutes.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMinutes(5);
}

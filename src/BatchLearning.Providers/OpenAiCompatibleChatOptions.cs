namespace BatchLearning.Providers;

/// <summary>Settings of <see cref="OpenAiCompatibleChat.Create"/>.</summary>
public sealed record OpenAiCompatibleChatOptions
{
    /// <summary>The API key sent as a bearer token; defaults to "local" (the course's inference server accepts any key; a provider needs its real key).</summary>
    public string ApiKey { get; init; } = "local";

    /// <summary>Retries of a call answered with 429, 408 or 5xx (or not answered), from 0 to 10; defaults to 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// The wait before the first retry, doubled for each next one, with jitter; from 0 to 1 minute; defaults to 500 ms. A Retry-After header on the
    /// answer replaces it: the client then waits as long as the server asked.
    /// </summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one try may take, above 0 and at most 1 hour; defaults to 100 seconds (HttpClient's default).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Counts every HTTP attempt and its answer (429s, retries), below the retry policy; none when null (the default).</summary>
    public ChatTraffic? Traffic { get; init; }
}

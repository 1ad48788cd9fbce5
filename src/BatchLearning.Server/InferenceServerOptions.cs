namespace BatchLearning.Server;

/// <summary>
/// The inference server's settings, bound from the root of the configuration: server-settings.json (beside the program), then environment variables prefixed BATCHLEARNING_
/// (for example BATCHLEARNING_Port), then the command line (for example --Port 8000 --Model artifacts/email-model).
/// Checked at start-up by <see cref="InferenceServerOptionsValidator"/>: a bad setting stops the server before it listens, with one log line that says which and why.
/// </summary>
public sealed record InferenceServerOptions
{
    /// <summary>The model name clients send (the "model" field); defaults to "batchlearning-email". Any other name is answered with 404 model_not_found.</summary>
    public string ModelName { get; set; } = "batchlearning-email";

    /// <summary>
    /// The address to listen on; defaults to 127.0.0.1. Anything but a loopback address (127.0.0.1, ::1, localhost) is refused unless <see cref="AllowRemote"/> is true:
    /// by default no traffic leaves the machine.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port, from 0 to 65,535; defaults to 8000 (vLLM's). 0 picks a free port, which the server logs ("Now listening on: ...").</summary>
    public int Port { get; set; } = 8000;

    /// <summary>Allows <see cref="Host"/> to be a non-loopback address (for example 0.0.0.0 in a container); defaults to false.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// A classifier folder saved by <c>inbox train</c> (classifier.json and model.bin). Empty (the default): the server trains one on synthetic mail at start-up
    /// (3,000 emails, 3 epochs, seed 2026; a few seconds on a CPU).
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Most requests in one model batch of the dynamic batcher (chat completions), from 1 to 4,096; defaults to 64.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How long the oldest waiting request may wait for its batch to fill, from 0 to 10 s; defaults to 5 ms.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Requests (lines of a batch file) the Batch API runs at once, from 1 to 100,000; defaults to 1,024. Their emails go through the model in one forward pass.</summary>
    public int BatchApiChunkSize { get; set; } = 1_024;

    /// <summary>
    /// Time between two chunks of a Batch API batch, from 0 to 1 day; defaults to 0 (as fast as the model goes). A provider shares its batch capacity
    /// among customers; slots this far apart, counted from the batch's creation, emulate that, so a short <see cref="BatchCompletionWindow"/> ends with
    /// part of the work done: it holds window / interval chunks, however fast this machine runs them.
    /// </summary>
    public TimeSpan BatchApiChunkInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a batch may take before it expires with part of its work done, above 0 and at most 7 days; defaults to 24 hours (the only window OpenAI offers).
    /// The client's "completion_window" must be "24h"; this setting shortens the server's real window, so expiry can be seen in seconds.
    /// </summary>
    public TimeSpan BatchCompletionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest file accepted by POST /v1/files, from 1 byte to 512 MB; defaults to 200 MB (OpenAI's limit for a batch input file).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Longest prompt accepted, in o200k_base tokens, from 1 to 10,000,000; defaults to 128,000 (gpt-4o-mini's context window).</summary>
    public int ContextTokens { get; set; } = 128_000;

    /// <summary>Requests per minute per API key on the completion endpoints, answered with 429 and Retry-After beyond it; 0 (the default) for no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Prompt tokens per minute per API key on the completion endpoints, answered with 429 and Retry-After beyond it; 0 (the default) for no limit.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>The length of the rate-limit window, from 100 ms to 1 hour; defaults to 1 minute (as providers count). Shorter windows let a test see a reset.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An emulation of a remote provider's network and queueing time added to every chat completion: "none" (the default), or a name of
    /// <see cref="LatencyProfile.Known"/> (for example "emulate-gpt-4o-mini"). It makes a call as slow as a remote one; it is not measured here.
    /// </summary>
    public string LatencyProfile { get; set; } = Server.LatencyProfile.None;

    /// <summary>
    /// Serves POST /v1/completions with notebook 07's character model (trained on the synthetic mail's subjects at start-up, a few seconds) behind a
    /// continuous-batching loop; defaults to false. Training sets torch to one thread for the whole process, as notebook 07 does.
    /// </summary>
    public bool Completions { get; set; }

    /// <summary>The model name of /v1/completions; defaults to "batchlearning-chars".</summary>
    public string CompletionsModelName { get; set; } = "batchlearning-chars";

    /// <summary>The most sequences generating at once in the continuous-batching loop, from 1 to 4,096; defaults to 64. Later requests wait for a free slot.</summary>
    public int MaxRunningSequences { get; set; } = 64;

    /// <summary>The id of the process that started the server (a notebook, a test): once it has ended the server stops. 0 (the default) for none.</summary>
    public int ParentProcessId { get; set; }
}

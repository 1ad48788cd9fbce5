namespace BatchLearning.Generation;

/// <summary>How <see cref="GenerationScheduler"/> groups requests into forward passes.</summary>
public abstract record GenerationPolicy
{
    private GenerationPolicy()
    {
    }

    /// <summary>A short name for tables and legends.</summary>
    public abstract string Name { get; }

    /// <summary>The most sequences in one forward pass: the slots a timeline shows.</summary>
    public abstract int Slots { get; }

    /// <summary>One request at a time, to its last token, then the next.</summary>
    public static GenerationPolicy OneAtATime() => new OneAtATimePolicy();

    /// <summary>
    /// Static batching: wait until <paramref name="batchSize"/> requests are queued (or no more will come), run them together until the longest
    /// is done (finished sequences keep their slot, computed as padding), return them all at the end.
    /// </summary>
    /// <param name="batchSize">Requests per batch, from 1 to 4,096.</param>
    public static GenerationPolicy Static(int batchSize) => new StaticPolicy(Checked(batchSize, nameof(batchSize), 4096));

    /// <summary>
    /// Dynamic request-level batching, as <see cref="Serving.DynamicBatcher{TInput, TOutput}"/>: a batch starts when <paramref name="maxBatchSize"/>
    /// requests wait or the oldest has waited <paramref name="maxDelay"/>; it runs until its longest request is done and returns them all at the end.
    /// </summary>
    /// <param name="maxBatchSize">The most requests per batch, from 1 to 4,096 (Ray Serve's max_batch_size).</param>
    /// <param name="maxDelay">How long the oldest request may wait for others, from 0 to 1 hour (Triton's max_queue_delay).</param>
    public static GenerationPolicy Dynamic(int maxBatchSize, TimeSpan maxDelay)
    {
        if (maxDelay < TimeSpan.Zero || maxDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, GenerationRequest.Text($"maxDelay must be from 0 to 1 hour; got {maxDelay}."));
        }

        return new DynamicPolicy(Checked(maxBatchSize, nameof(maxBatchSize), 4096), maxDelay);
    }

    /// <summary>
    /// Continuous (iteration-level) batching, as Orca and vLLM: before every forward pass, finished sequences leave and waiting requests join
    /// (first come, first served) while fewer than <paramref name="maxRunningSequences"/> run and the pass stays within <paramref name="maxBatchedTokens"/>
    /// (one token per running sequence plus the prompt tokens read in the pass).
    /// </summary>
    /// <param name="maxRunningSequences">vLLM's max_num_seqs (its engine's default is 256), from 1 to 4,096.</param>
    /// <param name="maxBatchedTokens">
    /// vLLM's max_num_batched_tokens (its engine's default is 2,048 or 8,192), from 1 to 1,000,000; without chunked prefill the scheduler refuses
    /// a budget below the model's context length, which could never admit a full-length prompt.
    /// </param>
    /// <param name="maxCachedTokens">
    /// The memory for sequence state, in tokens (a transformer's KV cache holds one entry per token read), from 1 to 100,000,000, or null for no limit;
    /// the scheduler refuses a budget below the context length. When the running sequences' next tokens do not fit, the most recently admitted one is
    /// preempted: its state is dropped and it waits again, to be recomputed from its prompt and the tokens it had generated (vLLM's default).
    /// </param>
    /// <param name="chunkedPrefill">
    /// Whether a prompt that does not fit the pass's token budget left after the decodes is read in chunks over several passes (vLLM V1 always does),
    /// rather than waiting for a pass with room for all of it.
    /// </param>
    public static GenerationPolicy Continuous(int maxRunningSequences = 256, int maxBatchedTokens = 2048, int? maxCachedTokens = null, bool chunkedPrefill = false) =>
        new ContinuousPolicy(Checked(maxRunningSequences, nameof(maxRunningSequences), 4096), Checked(maxBatchedTokens, nameof(maxBatchedTokens), 1_000_000))
        {
            MaxCachedTokens = maxCachedTokens is { } cached ? Checked(cached, nameof(maxCachedTokens), 100_000_000) : null,
            ChunkedPrefill = chunkedPrefill,
        };

    private static int Checked(int value, string name, int most)
    {
        if (value < 1 || value > most)
        {
            throw new ArgumentOutOfRangeException(name, value, GenerationRequest.Text($"{name} must be from 1 to {most:N0}; got {value}."));
        }

        return value;
    }

    /// <summary>One request at a time.</summary>
    public sealed record OneAtATimePolicy : GenerationPolicy
    {
        /// <inheritdoc />
        public override string Name => "one at a time";

        /// <inheritdoc />
        public override int Slots => 1;
    }

    /// <summary>Static batches of a fixed size.</summary>
    /// <param name="BatchSize">Requests per batch.</param>
    public sealed record StaticPolicy(int BatchSize) : GenerationPolicy
    {
        /// <inheritdoc />
        public override string Name => $"static ({BatchSize})";

        /// <inheritdoc />
        public override int Slots => BatchSize;
    }

    /// <summary>Dynamic request-level batches.</summary>
    /// <param name="MaxBatchSize">The most requests per batch.</param>
    /// <param name="MaxDelay">The longest wait of the oldest request.</param>
    public sealed record DynamicPolicy(int MaxBatchSize, TimeSpan MaxDelay) : GenerationPolicy
    {
        /// <inheritdoc />
        public override string Name => $"dynamic ({MaxBatchSize}, {MaxDelay.TotalMilliseconds:0.#} ms)";

        /// <inheritdoc />
        public override int Slots => MaxBatchSize;
    }

    /// <summary>Continuous batching.</summary>
    /// <param name="MaxRunningSequences">The most sequences in one pass.</param>
    /// <param name="MaxBatchedTokens">The token budget of one pass.</param>
    public sealed record ContinuousPolicy(int MaxRunningSequences, int MaxBatchedTokens) : GenerationPolicy
    {
        /// <summary>The memory for sequence state in tokens, or null for no limit.</summary>
        public int? MaxCachedTokens { get; init; }

        /// <summary>Whether long prompts are read in chunks within the token budget.</summary>
        public bool ChunkedPrefill { get; init; }

        /// <inheritdoc />
        public override string Name => $"continuous ({MaxRunningSequences}{(MaxCachedTokens is { } cached ? $", cache {cached:N0}" : "")}{(ChunkedPrefill ? $", chunks of {MaxBatchedTokens:N0}" : "")})";

        /// <inheritdoc />
        public override int Slots => MaxRunningSequences;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using BatchLearning.Generation;

namespace BatchLearning.Server;

/// <summary>
/// Continuous batching for POST /v1/completions, as vLLM schedules: one loop runs the character model one step (forward pass) at a time; before each step
/// it admits waiting requests up to <see cref="InferenceServerOptions.MaxRunningSequences"/>, the step prefills the admitted prompts (each gets its first
/// character) and decodes one character for every sequence already running, and a sequence leaves as soon as it ends (at a newline, or at its max_tokens),
/// freeing its slot for the next request at the very next step.
/// </summary>
internal sealed partial class ContinuousBatcher(CharacterModel model, InferenceServerOptions options, ILogger<ContinuousBatcher> logger) : BackgroundService
{
    private readonly Channel<GeneratingSequence> _incoming = Channel.CreateUnbounded<GeneratingSequence>();
    private readonly ConcurrentDictionary<int, long> _stepSizes = new();
    private int _nextId;

    /// <summary>The model, for its vocabulary and context length.</summary>
    public CharacterModel Model => model;

    /// <summary>Queues a prompt (the model's token ids) and waits for its completion.</summary>
    public Task<GeneratingSequence> SubmitAsync(IReadOnlyList<int> prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var sequence = new GeneratingSequence(new GenerationRequest(Interlocked.Increment(ref _nextId), prompt, maxTokens, 0), model.ToTokens("\n")[0]);
        if (!_incoming.Writer.TryWrite(sequence))
        {
            throw new InvalidOperationException("The completions loop has stopped.");
        }

        return sequence.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Steps run so far by the number of sequences in them, and the largest.</summary>
    public JsonObject ToJson()
    {
        var sizes = new JsonObject();
        foreach (var (size, count) in _stepSizes.OrderBy(s => s.Key))
        {
            sizes[size.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
        }

        var steps = _stepSizes.Values.Sum();
        return new JsonObject
        {
            ["steps"] = steps, ["mean_sequences_per_step"] = steps == 0 ? null : _stepSizes.Sum(s => (double)s.Key * s.Value) / steps, ["step_size_counts"] = sizes,
        };
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host's start-up goes on; the loop runs on the thread pool
        var running = new List<GeneratingSequence>();
        try
        {
            while (true)
            {
                if (running.Count == 0 && !await _incoming.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                stoppingToken.ThrowIfCancellationRequested();
                Step(running);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            running.ForEach(s => s.Completion.TrySetCanceled(stoppingToken));
        }
    }

    // One forward pass: admit and prefill new sequences, decode the running ones, let finished ones leave.
    private void Step(List<GeneratingSequence> running)
    {
        var decoding = running.ToList();
        var admitted = new List<GeneratingSequence>();
        while (running.Count + admitted.Count < options.MaxRunningSequences && _incoming.Reader.TryRead(out var next))
        {
            admitted.Add(next);
        }

        try
        {
            Advance(admitted, admitted.Count == 0 ? [] : model.Prefill([.. admitted.Select(s => s.Request)]));
            Advance(decoding, decoding.Count == 0 ? [] : model.Decode([.. decoding.Select(s => s.Request.Id)]));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogStepFailed(error.Message);
            running.AddRange(admitted);
            running.ForEach(s => { model.Release(s.Request.Id); s.Completion.TrySetException(error); });
            running.Clear();
            return;
        }

        running.AddRange(admitted);
        _stepSizes.AddOrUpdate(running.Count, 1, (_, n) => n + 1);
        foreach (var done in running.Where(s => s.IsDone).ToList())
        {
            model.Release(done.Request.Id);
            running.Remove(done);
            done.Completion.TrySetResult(done);
        }
    }

    private static void Advance(List<GeneratingSequence> sequences, IReadOnlyList<int> tokens)
    {
        for (var i = 0; i < sequences.Count; i++)
        {
            sequences[i].Add(tokens[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A completions step failed; its sequences were answered with the error: {Reason}")]
    private partial void LogStepFailed(string reason);
}

using BatchLearning.Generation;

namespace BatchLearning.Server;

/// <summary>One /v1/completions request in the continuous-batching loop: its generated characters so far, and whether it has ended.</summary>
internal sealed class GeneratingSequence(GenerationRequest request, int newline)
{
    private readonly List<int> _tokens = [];

    public GenerationRequest Request { get; } = request;

    /// <summary>Completed when the sequence has ended.</summary>
    public TaskCompletionSource<GeneratingSequence> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The generated tokens, without the newline that ended the line.</summary>
    public IReadOnlyList<int> Tokens => _tokens;

    /// <summary>True when it ended at a newline (finish_reason "stop"); false when it reached max_tokens ("length").</summary>
    public bool Stopped { get; private set; }

    public bool IsDone => Stopped || _tokens.Count >= Request.MaxNewTokens;

    /// <summary>Takes one generated token: a newline ends the sequence.</summary>
    public void Add(int token)
    {
        if (token == newline)
        {
            Stopped = true;
        }
        else
        {
            _tokens.Add(token);
        }
    }
}

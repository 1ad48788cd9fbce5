using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Generation;

/// <summary>
/// A tiny character-level language model (embedding, one GRU layer, a linear layer to the next character's scores), trained in seconds on the
/// subjects of the synthetic mail, one subject per line. It generates one character per forward pass per sequence and keeps each sequence's
/// hidden state between passes, so it can be driven by <see cref="GenerationScheduler"/> under any batching policy.
/// Training sets torch to one thread for the process: a model this small gains nothing from a second thread, and its step times
/// scatter badly when the two threads compete with other work for the cores.
/// </summary>
public sealed class CharacterModel : IGenerationEngine, IDisposable
{
    private readonly Network _network;
    private readonly char[] _characters;
    private readonly Dictionary<char, int> _ids;
    private readonly Dictionary<int, SequenceState> _sequences = [];
    private readonly Device _device;

    private CharacterModel(Network network, char[] characters, CharacterModelOptions options, Device device)
    {
        _network = network;
        _characters = characters;
        _ids = characters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        Options = options;
        _device = device;
    }

    /// <summary>The model's size and how it was trained.</summary>
    public CharacterModelOptions Options { get; }

    /// <summary>How training went: seconds, updates, the first and last loss.</summary>
    public CharacterModelTraining Training { get; private set; } = new(0, 0, double.NaN, double.NaN);

    /// <summary>How the engine picks tokens (<see cref="Decoding.Greedy"/> unless set).</summary>
    public Decoding Decoding { get; set; } = Decoding.Greedy;

    /// <inheritdoc />
    public int ContextLength => Options.ContextLength;

    /// <summary>Distinct characters the model knows (its vocabulary size).</summary>
    public int VocabularySize => _characters.Length;

    /// <summary>The subjects of <paramref name="count"/> synthetic emails (the library's <see cref="EmailGenerator"/>), the model's training text.</summary>
    public static IReadOnlyList<string> Subjects(int count, int seed) =>
        EmailGenerator.Day(count, new DateOnly(2026, 3, 2), seed).Select(e => e.Subject).ToList();

    /// <summary>Trains a model on <paramref name="lines"/> (joined with newlines, so it learns where a line starts and ends).</summary>
    /// <param name="lines">The training text, at least one non-empty line.</param>
    /// <param name="options">Size and training; defaults to <see cref="CharacterModelOptions"/>'s defaults.</param>
    /// <param name="seed">Seeds the weights and the order of training windows.</param>
    /// <exception cref="ArgumentException">The text is shorter than one training window.</exception>
    public static CharacterModel Train(IReadOnlyList<string> lines, CharacterModelOptions? options = null, int seed = 2026)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options = (options ?? new CharacterModelOptions()).Validated();
        var text = "\n" + string.Join("\n", lines) + "\n";
        if (text.Length < options.WindowLength + 2)
        {
            throw new ArgumentException(GenerationRequest.Text($"The training text has {text.Length} characters; it needs more than one window of {options.WindowLength} + 1."), nameof(lines));
        }

        var characters = text.Distinct().Order().ToArray();
        torch.set_num_threads(1); // a tiny model gains nothing from a second thread, and loses much when the cores are shared
        TorchRuntime.Seed(seed);
        var device = TorchRuntime.Device;
        var network = new Network(characters.Length, options.EmbeddingSize, options.HiddenSize);
        network.to(device);
        var model = new CharacterModel(network, characters, options, device);
        model.Fit(model.ToTokens(text), seed);
        return model;
    }

    private void Fit(IReadOnlyList<int> tokens, int seed)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);
        var (length, batch) = (Options.WindowLength, Options.BatchSize);
        using var optimizer = optim.Adam(_network.parameters(), Options.LearningRate);
        _network.train();
        double first = double.NaN, last = double.NaN;
        var input = new long[length * batch];
        var target = new long[length * batch];
        for (var step = 0; step < Options.TrainingSteps; step++)
        {
            for (var b = 0; b < batch; b++)
            {
                var start = random.Next(tokens.Count - length - 1);
                for (var t = 0; t < length; t++)
                {
                    input[t * batch + b] = tokens[start + t];
                    target[t * batch + b] = tokens[start + t + 1];
                }
            }

            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (logits, _) = _network.Forward(tensor(input, [length, batch]).to(_device), null);
            var loss = nn.functional.cross_entropy(logits.reshape(length * batch, -1), tensor(target).to(_device));
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            first = double.IsNaN(first) ? last : first;
        }

        _network.eval();
        Training = new CharacterModelTraining(watch.Elapsed.TotalSeconds, Options.TrainingSteps, first, last);
    }

    /// <summary>The token ids of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the model's vocabulary (the message names it and its position).</exception>
    public IReadOnlyList<int> ToTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            tokens[i] = _ids.TryGetValue(text[i], out var id) ? id
                : throw new ArgumentException(GenerationRequest.Text($"Character '{text[i]}' at position {i} is not in the model's vocabulary of {_characters.Length} characters."), nameof(text));
        }

        return tokens;
    }

    /// <summary>The text of token ids.</summary>
    public string ToText(IEnumerable<int> tokens) => new(tokens.Select(t => _characters[t]).ToArray());

    /// <summary>
    /// Prompts for a trace: the start of a line and the first 1 to 6 characters of a subject (drawn with <paramref name="seed"/>), encoded.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> SamplePrompts(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var subjects = Subjects(Math.Max(count, 50), seed + 1);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var subject = subjects[random.Next(subjects.Count)];
            return ToTokens("\n" + subject[..Math.Min(subject.Length, random.Next(1, 7))]);
        }).ToList();
    }

    /// <summary>Greedy and seeded-sampling completions of each prompt, <paramref name="newTokens"/> characters (line breaks shown as " | ").</summary>
    public IReadOnlyList<CompletionExample> Examples(IEnumerable<string> prompts, int newTokens, int seed)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var decoding = Decoding;
        try
        {
            return prompts.Select(p =>
            {
                Decoding = Decoding.Greedy;
                var greedy = Complete("\n" + p, newTokens);
                Decoding = Decoding.Sampling(1.0, seed);
                return new CompletionExample(p, greedy.Replace("\n", " | "), Complete("\n" + p, newTokens).Replace("\n", " | "));
            }).ToList();
        }
        finally
        {
            Decoding = decoding;
        }
    }

    /// <summary>Completes <paramref name="prompt"/> with <paramref name="newTokens"/> characters, one request alone, under <see cref="Decoding"/>.</summary>
    public string Complete(string prompt, int newTokens) =>
        ToText(GenerateAlone(new GenerationRequest(0, ToTokens(prompt), newTokens, 0)).Tokens);

    /// <summary>
    /// The reference: <paramref name="request"/> generated alone (batch of one), with the gap between the best and second-best score at each step
    /// (a gap near 0 is a near tie, where batched float arithmetic may legitimately pick the other token).
    /// </summary>
    public GeneratedAlone GenerateAlone(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        GenerationScheduler.CheckFits(request, ContextLength);
        var key = -1 - request.Id;
        var margins = new List<double>();
        var tokens = new List<int> { Prefill([PromptChunk.Whole(request)], [key], margins)[0] };
        while (tokens.Count < request.MaxNewTokens)
        {
            tokens.Add(Step([key], margins)[0]);
        }

        Release(key);
        return new GeneratedAlone(tokens, margins);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Prefill(IReadOnlyList<GenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return PrefillChunks(requests.Select(PromptChunk.Whole).ToList());
    }

    /// <inheritdoc />
    public IReadOnlyList<int> PrefillChunks(IReadOnlyList<PromptChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Prefill(chunks, chunks.Select(c => c.Request.Id).ToList(), null);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Decode(IReadOnlyList<int> requestIds)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        return Step(requestIds, null);
    }

    /// <inheritdoc />
    public void Release(int requestId) => _sequences.Remove(requestId);

    // Reads each chunk from its own state (none for a chunk from 0), right-padded with token 0: a sequence's state is read at its chunk's own
    // last position, before any padding; a chunk that ends its prompt chooses the next token there.
    private IReadOnlyList<int> Prefill(IReadOnlyList<PromptChunk> chunks, IReadOnlyList<int> keys, List<double>? margins)
    {
        var (n, h, v) = (chunks.Count, Options.HiddenSize, _characters.Length);
        var longest = chunks.Max(c => c.Count);
        var input = new long[longest * n];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < chunks[i].Count; t++)
            {
                input[t * n + i] = chunks[i].Request.Prompt[chunks[i].Start + t];
            }
        }

        var (hidden, scores) = Run(input, longest, n, Continued(chunks, keys));
        var next = new int[n];
        for (var i = 0; i < n; i++)
        {
            var position = (chunks[i].Count - 1) * n + i;
            var state = chunks[i].Start == 0 ? new SequenceState(new float[h], Sampler(chunks[i].Request.Id)) : _sequences[keys[i]];
            hidden.AsSpan(position * h, h).CopyTo(state.Hidden);
            _sequences[keys[i]] = state;
            next[i] = chunks[i].EndsPrompt ? state.LastToken = Choose(scores.AsSpan(position * v, v), state, margins) : -1;
        }

        return next;
    }

    // The starting states of a batch of chunks: null when every chunk starts a prompt (the GRU's zero state), else each continued chunk's saved state.
    private float[]? Continued(IReadOnlyList<PromptChunk> chunks, IReadOnlyList<int> keys)
    {
        if (chunks.All(c => c.Start == 0))
        {
            return null;
        }

        var h = Options.HiddenSize;
        var start = new float[chunks.Count * h];
        for (var i = 0; i < chunks.Count; i++)
        {
            if (chunks[i].Start > 0)
            {
                var state = _sequences.TryGetValue(keys[i], out var saved) ? saved
                    : throw new InvalidOperationException(GenerationRequest.Text($"Request {chunks[i].Request.Id}: a chunk from position {chunks[i].Start} needs the state of the chunks before it; prefill from 0 first."));
                state.Hidden.CopyTo(start, i * h);
            }
        }

        return start;
    }

    private IReadOnlyList<int> Step(IReadOnlyList<int> keys, List<double>? margins)
    {
        var n = keys.Count;
        var (h, v) = (Options.HiddenSize, _characters.Length);
        var states = keys.Select(k => _sequences.TryGetValue(k, out var s) ? s
            : throw new InvalidOperationException(GenerationRequest.Text($"Request {k} has no state: prefill it before decoding it."))).ToList();
        var input = states.Select(s => (long)s.LastToken).ToArray();
        var start = new float[n * h];
        for (var i = 0; i < n; i++)
        {
            states[i].Hidden.CopyTo(start, i * h);
        }

        var (hidden, scores) = Run(input, 1, n, start);
        var next = new int[n];
        for (var i = 0; i < n; i++)
        {
            hidden.AsSpan(i * h, h).CopyTo(states[i].Hidden);
            next[i] = states[i].LastToken = Choose(scores.AsSpan(i * v, v), states[i], margins);
        }

        return next;
    }

    private (float[] Hidden, float[] Scores) Run(long[] input, int length, int n, float[]? start)
    {
        using var noGradients = no_grad();
        using var scope = NewDisposeScope();
        var initial = start is null ? null : tensor(start, [1, n, Options.HiddenSize]).to(_device);
        var (logits, output) = _network.Forward(tensor(input, [length, n]).to(_device), initial);
        return (output.cpu().data<float>().ToArray(), logits.cpu().data<float>().ToArray());
    }

    private Random? Sampler(int requestId) =>
        Decoding is Decoding.SamplingDecoding sampling ? new Random(unchecked(sampling.Seed * 1_000_003 + requestId)) : null;

    private int Choose(ReadOnlySpan<float> scores, SequenceState state, List<double>? margins)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            best = scores[i] > scores[best] ? i : best;
        }

        if (margins is not null)
        {
            var second = float.NegativeInfinity;
            for (var i = 0; i < scores.Length; i++)
            {
                second = i != best && scores[i] > second ? scores[i] : second;
            }

            margins.Add(scores[best] - second);
        }

        return Decoding is Decoding.SamplingDecoding sampling && state.Sampler is { } sampler ? Sample(scores, best, sampling.Temperature, sampler) : best;
    }

    // Draws a token with probability proportional to exp((score - best score) / temperature).
    private static int Sample(ReadOnlySpan<float> scores, int best, double temperature, Random sampler)
    {
        var weights = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            weights[i] = Math.Exp((scores[i] - scores[best]) / temperature);
        }

        var roll = sampler.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return best;
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();

    private sealed class SequenceState(float[] hidden, Random? sampler)
    {
        public float[] Hidden { get; } = hidden;

        public Random? Sampler { get; } = sampler;

        public int LastToken { get; set; }
    }

    private sealed class Network : nn.Module
    {
        private readonly Embedding _embedding;
        private readonly GRU _gru;
        private readonly Linear _output;

        public Network(int vocabulary, int embedding, int hidden)
            : base("CharacterGru")
        {
            _embedding = nn.Embedding(vocabulary, embedding);
            _gru = nn.GRU(embedding, hidden);
            _output = nn.Linear(hidden, vocabulary);
            RegisterComponents();
        }

        // tokens: [length, batch]; returns scores [length, batch, vocabulary] and the GRU's output (its hidden state after each position).
        public (Tensor Logits, Tensor Output) Forward(Tensor tokens, Tensor? initial)
        {
            var (output, _) = _gru.forward(_embedding.forward(tokens), initial);
            return (_output.forward(output), output);
        }
    }
}

using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace BatchLearning.Prompts;

/// <summary>
/// Counts tokens the way a provider bills them, with a real tokenizer instead of "about 4 characters a token".
/// The library ships OpenAI's o200k_base encoding (Microsoft.ML.Tokenizers), the encoding of gpt-4o, gpt-4o-mini, gpt-4.1 and later OpenAI models;
/// for other providers' models (Claude, Gemini), whose tokenizers are not public in this form, o200k_base is an approximation and <see cref="IsExact"/> is false.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>The only encoding shipped with the library.</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The context window of gpt-4o and gpt-4o-mini, 128,000 tokens: the default limit of a prompt.</summary>
    public const int DefaultContextTokens = 128_000;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding(O200kBase));

    private static readonly Dictionary<string, int> OpenAiContext = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o"] = 128_000,
        ["gpt-4o-mini"] = 128_000,
        ["gpt-4.1"] = 1_047_576,
        ["gpt-4.1-mini"] = 1_047_576,
        ["gpt-5-mini"] = 400_000,
    };

    private TokenCounter(string model, bool isExact, int contextTokens)
    {
        Model = model;
        IsExact = isExact;
        ContextTokens = contextTokens;
    }

    /// <summary>The encoding used, always <see cref="O200kBase"/>.</summary>
    public string Encoding => O200kBase;

    /// <summary>The model counted for, or the encoding's name when created with <see cref="ForEncoding"/>.</summary>
    public string Model { get; }

    /// <summary>True when the model itself uses o200k_base (OpenAI's gpt-4o family and later); false when o200k_base approximates another tokenizer.</summary>
    public bool IsExact { get; }

    /// <summary>The longest prompt accepted, in tokens.</summary>
    public int ContextTokens { get; }

    /// <summary>A counter for an encoding by name.</summary>
    /// <param name="encoding">"o200k_base" (the only one shipped).</param>
    /// <param name="contextTokens">The longest prompt accepted, from 1 to 10,000,000 tokens; defaults to 128,000 (gpt-4o).</param>
    /// <exception cref="ArgumentException">The encoding is not o200k_base; the message names the one available.</exception>
    public static TokenCounter ForEncoding(string encoding, int contextTokens = DefaultContextTokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoding);
        if (!string.Equals(encoding, O200kBase, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown encoding '{encoding}': this library ships only '{O200kBase}' (gpt-4o, gpt-4o-mini and later OpenAI models).", nameof(encoding));
        }

        return new TokenCounter(O200kBase, isExact: true, Context(contextTokens));
    }

    /// <summary>
    /// A counter for <paramref name="model"/>: exact for OpenAI's gpt-4o, gpt-4.1 and gpt-5 families (o200k_base), an o200k_base approximation for any other model.
    /// </summary>
    /// <param name="model">The model's name, for example "gpt-4o-mini" or "claude-haiku-4.5".</param>
    /// <param name="contextTokens">The longest prompt accepted; defaults to the model's context window when known, else 128,000 tokens.</param>
    public static TokenCounter ForModel(string model, int? contextTokens = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var known = OpenAiContext.TryGetValue(model, out var window);
        return new TokenCounter(model, isExact: known, Context(contextTokens ?? (known ? window : DefaultContextTokens)));
    }

    /// <summary>Tokens of <paramref name="text"/> (0 for an empty text).</summary>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : O200k.Value.CountTokens(text);
    }

    /// <summary>Tokens of a prompt made of an instruction and a message, refused when longer than <see cref="ContextTokens"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The prompt is longer than the context window; the message gives both lengths.</exception>
    public int CountPrompt(string instruction, string message)
    {
        var tokens = Count(instruction) + Count(message);
        return RequireWithinContext(tokens, nameof(message));
    }

    /// <summary>Returns <paramref name="tokens"/>, or throws when it exceeds <see cref="ContextTokens"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More tokens than the context window holds.</exception>
    public int RequireWithinContext(int tokens, string argument)
    {
        if (tokens > ContextTokens)
        {
            throw new ArgumentOutOfRangeException(argument, tokens, string.Create(CultureInfo.InvariantCulture,
                $"the prompt is {tokens:N0} tokens ({Encoding}) but {Model} accepts at most {ContextTokens:N0} tokens (its context window): send fewer or shorter items per request."));
        }

        return tokens;
    }

    private static int Context(int contextTokens)
    {
        if (contextTokens is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(contextTokens), contextTokens, $"contextTokens must be from 1 to 10,000,000 tokens; got {contextTokens}.");
        }

        return contextTokens;
    }
}

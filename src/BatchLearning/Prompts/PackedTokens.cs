namespace BatchLearning.Prompts;

/// <summary>Measured tokens per email when emails are sent k to a request (o200k_base). Each value is checked on construction.</summary>
/// <param name="ItemsPerRequest">k, emails per request.</param>
/// <param name="Requests">Requests needed for the measured emails.</param>
/// <param name="InputTokensPerEmail">Input tokens (instruction once per request, plus the emails) divided by the emails.</param>
/// <param name="OutputTokensPerEmail">Tokens of the right answer divided by the emails.</param>
/// <param name="LargestRequestTokens">The longest request's input tokens (it must fit the context window).</param>
/// <param name="InstructionTokens">Tokens of the instruction sent with each request.</param>
/// <param name="MeanEmailTokens">Mean tokens of one email's message on its own.</param>
/// <exception cref="ArgumentOutOfRangeException">A value is outside its range; the message names it and the range.</exception>
public sealed record PackedTokens(int ItemsPerRequest, int Requests, double InputTokensPerEmail, double OutputTokensPerEmail, int LargestRequestTokens, int InstructionTokens, double MeanEmailTokens)
{
    /// <summary>The most tokens a count here may hold: 100,000,000 (far beyond any model's context).</summary>
    public const int MostTokens = 100_000_000;

    /// <summary>k, emails per request, from 1 to 1,000,000.</summary>
    public int ItemsPerRequest { get; init; } = Guard.InRange(ItemsPerRequest, 1, 1_000_000);

    /// <summary>Requests needed for the measured emails, from 1.</summary>
    public int Requests { get; init; } = Guard.InRange(Requests, 1, int.MaxValue);

    /// <summary>Input tokens per email, from 0 to <see cref="MostTokens"/>.</summary>
    public double InputTokensPerEmail { get; init; } = Guard.InRange(InputTokensPerEmail, 0, MostTokens);

    /// <summary>Output tokens per email, from 0 to <see cref="MostTokens"/>.</summary>
    public double OutputTokensPerEmail { get; init; } = Guard.InRange(OutputTokensPerEmail, 0, MostTokens);

    /// <summary>The longest request's input tokens, from 0 to <see cref="MostTokens"/>.</summary>
    public int LargestRequestTokens { get; init; } = Guard.InRange(LargestRequestTokens, 0, MostTokens);

    /// <summary>The instruction's tokens, from 0 to <see cref="MostTokens"/>.</summary>
    public int InstructionTokens { get; init; } = Guard.InRange(InstructionTokens, 0, MostTokens);

    /// <summary>Mean tokens of one email, from 0 to <see cref="MostTokens"/>.</summary>
    public double MeanEmailTokens { get; init; } = Guard.InRange(MeanEmailTokens, 0, MostTokens);
}

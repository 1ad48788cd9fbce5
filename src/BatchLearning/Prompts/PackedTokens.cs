namespace BatchLearning.Prompts;

/// <summary>Measured tokens per email when emails are sent k to a request (o200k_base).</summary>
/// <param name="ItemsPerRequest">k, emails per request.</param>
/// <param name="Requests">Requests needed for the measured emails.</param>
/// <param name="InputTokensPerEmail">Input tokens (instruction once per request, plus the emails) divided by the emails.</param>
/// <param name="OutputTokensPerEmail">Tokens of the right answer divided by the emails.</param>
/// <param name="LargestRequestTokens">The longest request's input tokens (it must fit the context window).</param>
/// <param name="InstructionTokens">Tokens of the instruction sent with each request.</param>
/// <param name="MeanEmailTokens">Mean tokens of one email's message on its own.</param>
public sealed record PackedTokens(int ItemsPerRequest, int Requests, double InputTokensPerEmail, double OutputTokensPerEmail, int LargestRequestTokens, int InstructionTokens, double MeanEmailTokens);

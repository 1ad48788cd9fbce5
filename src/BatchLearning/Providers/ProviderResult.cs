using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>One request's outcome from a provider's result file.</summary>
/// <param name="CustomId">The id the request was sent with (the email's id).</param>
/// <param name="Status">What became of it.</param>
/// <param name="Category">The category, when the answer named one.</param>
/// <param name="Detail">The answer text or the error message.</param>
public sealed record ProviderResult(string CustomId, ProviderResultStatus Status, EmailCategory? Category, string Detail);

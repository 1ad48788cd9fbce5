using BatchLearning.Email;

namespace BatchLearning.Prompts;

/// <summary>The categories read from one request's answer, or why the whole request failed.</summary>
/// <param name="Categories">One entry per email of the request, in order; all null when the request failed.</param>
/// <param name="Error">Why the answer was refused (its emails must be sent again); null when every email got a category.</param>
public sealed record PackedAnswer(IReadOnlyList<EmailCategory?> Categories, string? Error)
{
    /// <summary>True when every email of the request got a category.</summary>
    public bool Succeeded => Error is null;

    internal static PackedAnswer Failed(int count, string error) => new(new EmailCategory?[count], error);
}

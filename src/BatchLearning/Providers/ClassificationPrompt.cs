using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>
/// The instruction sent with every email when the classification goes to an LLM provider instead of the course's own model:
/// a fixed system prompt naming the categories, and the email as the user message; the answer is one category name.
/// </summary>
public static class ClassificationPrompt
{
    /// <summary>The fixed instruction (the same for every email, so providers can cache it).</summary>
    public static string System { get; } =
        "You sort emails into exactly one category. Answer with one word: " + string.Join(", ", Enum.GetNames<EmailCategory>()) + ".";

    /// <summary>Output tokens allowed per answer: one category name needs very few.</summary>
    public const int MaxOutputTokens = 5;

    /// <summary>The user message for one email.</summary>
    public static string User(EmailMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return $"From: {email.Sender}\nSubject: {email.Subject}\n\n{email.Body}";
    }

    /// <summary>Reads a category from a model's answer (case and punctuation ignored); null when the answer names none.</summary>
    public static EmailCategory? ParseAnswer(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var word = new string(answer.Trim().TakeWhile(char.IsLetter).ToArray());
        return Enum.TryParse<EmailCategory>(word, ignoreCase: true, out var category) ? category : null;
    }
}

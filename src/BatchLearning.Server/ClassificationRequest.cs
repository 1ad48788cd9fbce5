using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Email;
using BatchLearning.Prompts;

namespace BatchLearning.Server;

/// <summary>
/// A chat completion request read as the course's classification prompt: the emails of the last user message (one email, or k emails numbered
/// "Email 1", "Email 2"... as <see cref="PackedClassificationPrompt.User"/> writes them) and the prompt's o200k_base tokens (every message's text, as the course counts them).
/// A user message in another shape is classified as one email whose body is the whole text.
/// </summary>
/// <param name="Model">The requested model.</param>
/// <param name="Emails">The emails to classify, at least 1.</param>
/// <param name="PromptTokens">Tokens of every message's text.</param>
internal sealed partial record ClassificationRequest(string Model, IReadOnlyList<EmailMessage> Emails, int PromptTokens)
{
    /// <summary>The most emails in one request (as <see cref="PackedClassificationPrompt"/> allows).</summary>
    public const int MaxEmails = 10_000;

    /// <summary>Reads a request body; exactly one of the two results is null.</summary>
    public static (ClassificationRequest? Request, OpenAiError? Error) Read(JsonNode? body, string servedModel, TokenCounter tokens)
    {
        if (body is not JsonObject request)
        {
            return (null, OpenAiError.Invalid("body", "The request body must be a JSON object with \"model\" and \"messages\"."));
        }

        if (Header(request, servedModel) is { } refused)
        {
            return (null, refused);
        }

        var (texts, error) = Messages(request["messages"]);
        if (error is not null)
        {
            return (null, error);
        }

        var user = texts!.LastOrDefault(t => t.Role == "user").Text;
        if (string.IsNullOrWhiteSpace(user))
        {
            return (null, OpenAiError.Invalid("messages", "The messages hold no user message with text: the emails to classify go in the last user message."));
        }

        var emails = ReadEmails(user);
        if (emails.Count > MaxEmails)
        {
            return (null, OpenAiError.Invalid("messages", $"The user message holds {emails.Count:N0} emails; at most {MaxEmails:N0} go in one request."));
        }

        var promptTokens = texts!.Sum(t => (long)tokens.Count(t.Text));
        return promptTokens > tokens.ContextTokens
            ? (null, OpenAiError.ContextLength((int)Math.Min(promptTokens, int.MaxValue), tokens.ContextTokens))
            : (new ClassificationRequest(servedModel, emails, (int)promptTokens), null);
    }

    // The model must be the one served, and streaming is not offered; the error, or null when both are right.
    private static OpenAiError? Header(JsonObject request, string servedModel)
    {
        if (request["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            return OpenAiError.Missing("model", $"the model to use, \"{servedModel}\" here");
        }

        if (!string.Equals(model, servedModel, StringComparison.Ordinal))
        {
            return OpenAiError.UnknownModel(model, servedModel);
        }

        return request["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming
            ? OpenAiError.Invalid("stream", "This server answers whole completions only: send \"stream\": false (or leave it out).")
            : null;
    }

    /// <summary>The emails of a user message: several under "Email n" headings, else one.</summary>
    public static IReadOnlyList<EmailMessage> ReadEmails(string user)
    {
        var headings = Heading().Matches(user);
        if (headings.Count < 2 || headings[0].Groups[1].Value != "1")
        {
            return [Parse(user, 1)];
        }

        var emails = new List<EmailMessage>(headings.Count);
        for (var i = 0; i < headings.Count; i++)
        {
            var start = headings[i].Index + headings[i].Length;
            var end = i + 1 < headings.Count ? headings[i + 1].Index : user.Length;
            emails.Add(Parse(user[start..end].TrimEnd('\n'), i + 1));
        }

        return emails;
    }

    // Each message's role and text (a string, or the text parts of an array of parts).
    private static (List<(string Role, string Text)>? Texts, OpenAiError? Error) Messages(JsonNode? messages)
    {
        if (messages is not JsonArray array || array.Count == 0)
        {
            return (null, OpenAiError.Missing("messages", "a non-empty array of {\"role\", \"content\"} objects"));
        }

        var texts = new List<(string, string)>(array.Count);
        foreach (var message in array)
        {
            if (message is not JsonObject m || m["role"] is not JsonValue roleValue || !roleValue.TryGetValue<string>(out var role))
            {
                return (null, OpenAiError.Invalid("messages", "Every message must be an object with a string \"role\" and a \"content\"."));
            }

            if (Text(m["content"]) is not { } text)
            {
                return (null, OpenAiError.Invalid("messages", $"The content of a '{role}' message must be a string or an array of text parts."));
            }

            texts.Add((role, text));
        }

        return (texts, null);
    }

    private static string? Text(JsonNode? content)
    {
        if (content is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        if (content is not JsonArray parts)
        {
            return null;
        }

        var joined = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is JsonObject p && p["text"] is JsonValue t && t.TryGetValue<string>(out var piece))
            {
                joined.Append(piece);
            }
        }

        return joined.ToString();
    }

    // "From: ...\nSubject: ...\n\nbody", as ClassificationPrompt.User writes an email; any other text is the body.
    private static EmailMessage Parse(string text, int number)
    {
        var id = "email-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var match = EmailText().Match(text);
        return match.Success
            ? new EmailMessage(id, DateTimeOffset.UnixEpoch, match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value)
            : new EmailMessage(id, DateTimeOffset.UnixEpoch, "", "", text);
    }

    [GeneratedRegex(@"^Email (\d+)\n(?=From: )", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\AFrom: ([^\n]*)\nSubject: ([^\n]*)\n\n(.*)\z", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EmailText();
}

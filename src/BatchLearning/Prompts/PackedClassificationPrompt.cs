using System.Globalization;
using System.Text;
using BatchLearning.Email;
using BatchLearning.Providers;

namespace BatchLearning.Prompts;

/// <summary>
/// Several emails in one request: the fixed instruction (<see cref="ClassificationPrompt.System"/>) is sent once for k emails, so it is paid once per k.
/// The emails are numbered; the answer is one line per email, "number: category". With k = 1 the request is exactly <see cref="ClassificationPrompt"/>'s.
/// The risks: a longer answer to parse, and one bad answer loses all k emails of its request (<see cref="Parse"/> refuses a request's answer as a whole).
/// </summary>
public static class PackedClassificationPrompt
{
    /// <summary>The instruction for a request of two or more emails: the single-email instruction plus the answer format.</summary>
    public static string System { get; } =
        ClassificationPrompt.System + " Several emails are numbered: answer one line per email, its number, a colon and the category, for example \"1: Spam\".";

    /// <summary>
    /// The instruction for a request of <paramref name="itemsPerRequest"/> emails, optionally followed by labelled <paramref name="examples"/>
    /// (few-shot examples: they help a model, and they are paid with every request, so they make the instruction long).
    /// </summary>
    public static string SystemFor(int itemsPerRequest, IReadOnlyList<EmailMessage>? examples = null)
    {
        var instruction = Items(itemsPerRequest) == 1 ? ClassificationPrompt.System : System;
        if (examples is null || examples.Count == 0)
        {
            return instruction;
        }

        var text = new StringBuilder(instruction).Append("\n\nExamples:\n");
        foreach (var example in examples)
        {
            var category = example.Category ?? throw new ArgumentException($"Example email {example.Id} has no category; an example shows the right answer.", nameof(examples));
            text.Append(ClassificationPrompt.User(example)).Append(CultureInfo.InvariantCulture, $"\nCategory: {category}\n\n");
        }

        return text.ToString();
    }

    /// <summary>The user message of one request: the email itself when alone, else each email under "Email n".</summary>
    /// <exception cref="ArgumentException">No emails.</exception>
    public static string User(IReadOnlyList<EmailMessage> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            throw new ArgumentException("A request needs at least 1 email; got 0.", nameof(emails));
        }

        if (emails.Count == 1)
        {
            return ClassificationPrompt.User(emails[0]);
        }

        var text = new StringBuilder();
        for (var i = 0; i < emails.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Email {i + 1}\n").Append(ClassificationPrompt.User(emails[i])).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>The answer a model gives when right: the category alone for one email, else "1: Work\n2: Spam\n...".</summary>
    public static string Answer(IReadOnlyList<EmailCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return categories.Count == 1
            ? categories[0].ToString()
            : string.Join("\n", categories.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}: {c}")));
    }

    /// <summary>
    /// Reads the answer of one request of <paramref name="itemsPerRequest"/> emails. Every number from 1 to k must appear once with a category;
    /// otherwise the whole request fails (its labels could be shifted), with the reason, and its emails must be sent again. Other requests are not affected.
    /// </summary>
    /// <param name="answer">The model's answer text.</param>
    /// <param name="itemsPerRequest">Emails in the request, at least 1.</param>
    public static PackedAnswer Parse(string? answer, int itemsPerRequest)
    {
        var count = Items(itemsPerRequest);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return PackedAnswer.Failed(count, "the answer is empty");
        }

        if (count == 1)
        {
            var single = ClassificationPrompt.ParseAnswer(answer);
            return single is { } category ? new PackedAnswer([category], null) : PackedAnswer.Failed(1, $"'{Shorten(answer)}' names no category");
        }

        var categories = new EmailCategory?[count];
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            if (ReadLine(line, categories) is { } reason)
            {
                return PackedAnswer.Failed(count, reason);
            }
        }

        var missing = Enumerable.Range(1, count).Where(n => categories[n - 1] is null).ToList();
        return missing.Count > 0
            ? PackedAnswer.Failed(count, $"email{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {count} not answered")
            : new PackedAnswer(categories, null);
    }

    /// <summary>
    /// Input and output tokens per email when <paramref name="emails"/> are sent k at a time, for each k in <paramref name="itemsPerRequest"/>:
    /// every request's instruction and message counted with <paramref name="tokens"/>, and the right answer's tokens as the output.
    /// </summary>
    /// <param name="emails">Labelled emails (the right answer is counted as the output), at least 1.</param>
    /// <param name="tokens">The token counter (its context window limits a request).</param>
    /// <param name="itemsPerRequest">Emails per request, each from 1 to 10,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A k below 1 or above 10,000, or a request longer than the counter's context window.</exception>
    /// <param name="examples">Labelled examples included in the instruction (paid with every request); none by default.</param>
    /// <exception cref="ArgumentException">No emails, or an email or example without a category.</exception>
    public static IReadOnlyList<PackedTokens> MeasureTokens(IReadOnlyList<EmailMessage> emails, TokenCounter tokens, IEnumerable<int> itemsPerRequest, IReadOnlyList<EmailMessage>? examples = null)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(itemsPerRequest);
        var sizes = itemsPerRequest.ToList();
        if (sizes.Count == 0)
        {
            throw new ArgumentException("Give at least one number of emails per request.", nameof(itemsPerRequest));
        }

        foreach (var k in sizes)
        {
            Items(k);
        }

        if (emails.Count == 0)
        {
            throw new ArgumentException("Measuring tokens needs at least 1 email; got 0.", nameof(emails));
        }

        var labels = emails.Select(e => e.Category ?? throw new ArgumentException($"Email {e.Id} has no category; the right answer is counted as the output, so the emails must be labelled.", nameof(emails))).ToList();
        var perEmailUser = emails.Select(e => tokens.Count(ClassificationPrompt.User(e))).ToList();
        int[] instructionTokens = [tokens.Count(SystemFor(1, examples)), tokens.Count(SystemFor(2, examples))];
        return sizes.Select(k => MeasureAt(k, emails, labels, perEmailUser, instructionTokens, tokens)).ToList();
    }

    // Records the category of one "number: category" line; the reason the answer fails, or null when the line is good.
    private static string? ReadLine(string line, EmailCategory?[] categories)
    {
        var count = categories.Length;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !int.TryParse(line.AsSpan(0, colon).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return $"the line '{Shorten(line)}' is not 'number: category'";
        }

        if (number < 1 || number > count)
        {
            return $"the line '{Shorten(line)}' numbers an email outside 1 to {count}";
        }

        if (categories[number - 1] is not null)
        {
            return $"email {number} is answered twice";
        }

        categories[number - 1] = ClassificationPrompt.ParseAnswer(line[(colon + 1)..]);
        return categories[number - 1] is null ? $"the line '{Shorten(line)}' names no category" : null;
    }

    // The tokens of sending the emails k at a time; instructionTokens holds the instruction's tokens for one email and for several.
    private static PackedTokens MeasureAt(int k, IReadOnlyList<EmailMessage> emails, List<EmailCategory> labels, List<int> perEmailUser, int[] instructionTokens, TokenCounter tokens)
    {
        long input = 0, output = 0;
        var largest = 0;
        var requests = 0;
        for (var start = 0; start < emails.Count; start += k)
        {
            var chunk = emails.Skip(start).Take(k).ToList();
            var requestTokens = instructionTokens[chunk.Count == 1 ? 0 : 1] + (chunk.Count == 1 ? perEmailUser[start] : tokens.Count(User(chunk)));
            tokens.RequireWithinContext(requestTokens, "itemsPerRequest");
            largest = Math.Max(largest, requestTokens);
            input += requestTokens;
            output += tokens.Count(Answer(labels.GetRange(start, chunk.Count)));
            requests++;
        }

        return new PackedTokens(k, requests, (double)input / emails.Count, (double)output / emails.Count, largest, instructionTokens[k == 1 ? 0 : 1], perEmailUser.Average());
    }

    private static int Items(int itemsPerRequest)
    {
        if (itemsPerRequest is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(itemsPerRequest), itemsPerRequest, $"itemsPerRequest must be from 1 to 10,000 emails per request; got {itemsPerRequest}.");
        }

        return itemsPerRequest;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace BatchLearning.Email;

/// <summary>
/// Turns emails into fixed-size vectors a neural network can read: every word and every pair of neighbouring words of the subject and body,
/// and the sender's domain, is hashed (FNV-1a) into one of <see cref="Dimensions"/> buckets; a bucket holds log(1 + count).
/// The "hashing trick" needs no vocabulary, so new words are never a problem; collisions cost a little accuracy.
/// </summary>
/// <param name="Dimensions">Buckets per vector, from 16 to 1,048,576; defaults to 4,096.</param>
public sealed record TextFeaturizer(int Dimensions = 4096)
{
    /// <summary>Refuses an email that cannot be read as text (null, or a null sender, subject or body), naming its position and field.</summary>
    /// <exception cref="ArgumentException">The first such email, for example "emails[3].Sender is null".</exception>
    internal static void CheckReadable(IReadOnlyList<EmailMessage> emails)
    {
        for (var i = 0; i < emails.Count; i++)
        {
            var field = emails[i] switch
            {
                null => "",
                { Sender: null } => ".Sender",
                { Subject: null } => ".Subject",
                { Body: null } => ".Body",
                _ => null,
            };
            if (field is not null)
            {
                throw new ArgumentException($"emails[{i}]{field} is null ({emails[i]?.Id ?? "no email"}); every email needs a sender, a subject and a body (empty text is fine).", nameof(emails));
            }
        }
    }

    /// <summary>The vectors of a batch of emails as one [count, Dimensions] float32 tensor on the CPU.</summary>
    /// <exception cref="ArgumentException">No emails, or an email that is null or has a null sender, subject or body (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">More emails than one array of Dimensions floats per email can hold (featurize them in batches).</exception>
    public Tensor Featurize(IReadOnlyList<EmailMessage> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            throw new ArgumentException("Give at least one email to featurize.", nameof(emails));
        }

        if (Dimensions is < 16 or > 1_048_576)
        {
            throw new ArgumentOutOfRangeException(nameof(Dimensions), Dimensions, "Dimensions must be from 16 to 1,048,576.");
        }

        var maxEmails = Array.MaxLength / Dimensions;
        if (emails.Count > maxEmails)
        {
            throw new ArgumentOutOfRangeException(nameof(emails), emails.Count, string.Create(CultureInfo.InvariantCulture,
                $"A batch to featurize holds from 1 to {maxEmails:N0} emails at {Dimensions:N0} buckets each (one array's limit); got {emails.Count:N0}. Featurize them in batches, as EmailClassifier.Classify does."));
        }

        CheckReadable(emails);
        var values = new float[checked(emails.Count * Dimensions)];
        for (var row = 0; row < emails.Count; row++)
        {
            var vector = values.AsSpan(row * Dimensions, Dimensions);
            var email = emails[row];
            Add(vector, "s", email.Subject);
            Add(vector, "b", email.Body);
            var at = email.Sender.LastIndexOf('@');
            vector[Bucket("d:" + (at >= 0 ? email.Sender[(at + 1)..] : email.Sender).ToLowerInvariant())] += 1;
            foreach (ref var value in vector)
            {
                value = MathF.Log(1 + value);
            }
        }

        return tensor(values, [emails.Count, Dimensions]);
    }

    private void Add(Span<float> vector, string field, string text)
    {
        string? previous = null;
        foreach (var word in Words(text))
        {
            vector[Bucket($"{field}:{word}")] += 1;
            if (previous is not null)
            {
                vector[Bucket($"{field}:{previous} {word}")] += 1;
            }

            previous = word;
        }
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '$' or '%' or '!')
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private int Bucket(string token)
    {
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Dimensions);
    }
}

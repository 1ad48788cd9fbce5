using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>What both providers' files share: unique ids, splitting at limits, reading JSON Lines with line numbers in errors.</summary>
internal static class BatchFiles
{
    // OpenAI: a custom_id must be non-empty and unique in the batch. Anthropic: 1 to 64 characters of a-z, A-Z, 0-9, '_' and '-', unique.
    internal static readonly Func<string, bool> OpenAiId = id => id.Length > 0;
    internal const string OpenAiIdRule = "OpenAI's custom_id must not be empty";
    internal static readonly Func<string, bool> AnthropicId = id => id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
    internal const string AnthropicIdRule = "Anthropic's custom_id must be 1 to 64 characters of a-z, A-Z, 0-9, '_' and '-'";

    internal static IReadOnlyList<EmailMessage> CheckedIds(IReadOnlyList<EmailMessage> emails, Func<string, bool> valid, string rule)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            throw new ArgumentException("Give at least one email to put in a batch.", nameof(emails));
        }

        var firstAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < emails.Count; i++)
        {
            var id = emails[i]?.Id ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The email at position {i} (from 0) is null or has no id."), nameof(emails));
            if (!valid(id))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The email at position {i} (from 0) has the id '{id}', which cannot be a custom_id: {rule}. Give it an id that fits."), nameof(emails));
            }

            if (!firstAt.TryAdd(id, i))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Email id '{id}' appears at positions {firstAt[id]} and {i} (from 0); custom_ids must be unique to match results back."), nameof(emails));
            }
        }

        return emails;
    }

    // Parses each result line; an unexpected shape (a number where text is expected, an array instead of an object) is reported with
    // the file and line instead of the JSON library's bare message.
    internal static IEnumerable<ProviderResult> ParseEach(IEnumerable<(JsonNode Line, string Where)> lines, Func<(JsonNode Line, string Where), ProviderResult> parse)
    {
        foreach (var entry in lines)
        {
            ProviderResult result;
            try
            {
                result = parse(entry);
            }
            catch (Exception error) when (error is InvalidOperationException or JsonException or ArgumentException
                                                   || (error is FormatException && !error.Message.StartsWith(entry.Where, StringComparison.Ordinal)))
            {
                throw new FormatException($"{entry.Where}: not a result of the expected shape ({error.Message}).", error);
            }

            yield return result;
        }
    }

    // Writes the requests into files, starting a new file before one would pass a limit. JSON Lines files hold a line per request;
    // JSON files hold {"requests": [ ... ]}.
    internal static IReadOnlyList<string> WriteSplit(IEnumerable<string> requests, ProviderBatchLimits limits, Func<int, string> pathOf, bool jsonLines)
    {
        limits.Validate();
        var files = new List<string>();
        var overhead = jsonLines ? 0 : Encoding.UTF8.GetByteCount("{\"requests\":[]}");
        foreach (var batch in Split(requests, limits, overhead))
        {
            var path = pathOf(files.Count + 1);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, jsonLines ? string.Concat(batch.Select(r => r + "\n")) : "{\"requests\":[" + string.Join(",", batch) + "]}");
            files.Add(path);
        }

        return files;
    }

    // The requests in order, cut into batches within the request and byte limits (each request counted with its separator, each file with its overhead).
    private static IEnumerable<List<string>> Split(IEnumerable<string> requests, ProviderBatchLimits limits, int overhead)
    {
        var current = new List<string>();
        long bytes = 0;
        foreach (var request in requests)
        {
            var size = Encoding.UTF8.GetByteCount(request) + 1;
            if (size + overhead > limits.MaxBytes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"One request is {size:N0} bytes, more than a whole batch may hold ({limits.MaxBytes:N0}); shorten the email."), nameof(requests));
            }

            if (current.Count == limits.MaxRequests || bytes + size + overhead > limits.MaxBytes)
            {
                yield return current;
                (current, bytes) = ([], 0);
            }

            current.Add(request);
            bytes += size;
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    internal static IEnumerable<(JsonNode Line, string Where)> ReadJsonLines(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var number = 0;
            foreach (var text in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var where = string.Create(CultureInfo.InvariantCulture, $"{file} line {number}");
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(text);
                }
                catch (JsonException error)
                {
                    throw new FormatException($"{where}: not valid JSON ({error.Message}).", error);
                }

                yield return (node ?? throw new FormatException($"{where}: null instead of a result object."), where);
            }
        }
    }
}

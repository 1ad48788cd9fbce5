using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchLearning.Email;

namespace BatchLearning.Providers;

/// <summary>What both providers' files share: unique ids, splitting at limits, reading JSON Lines with line numbers in errors.</summary>
internal static class BatchFiles
{
    internal static IReadOnlyList<EmailMessage> CheckedIds(IReadOnlyList<EmailMessage> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            throw new ArgumentException("Give at least one email to put in a batch.", nameof(emails));
        }

        var duplicate = emails.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Email id '{duplicate.Key}' appears {duplicate.Count()} times; custom_ids must be unique to match results back.", nameof(emails));
        }

        return emails;
    }

    // Writes the requests into files, starting a new file before one would pass a limit. JSON Lines files hold a line per request;
    // JSON files hold {"requests": [ ... ]}.
    internal static IReadOnlyList<string> WriteSplit(IEnumerable<string> requests, ProviderBatchLimits limits, Func<int, string> pathOf, bool jsonLines)
    {
        limits.Validate();
        var files = new List<string>();
        var current = new List<string>();
        long bytes = 0;
        var overhead = jsonLines ? 0 : Encoding.UTF8.GetByteCount("{\"requests\":[]}");
        void Flush()
        {
            var path = pathOf(files.Count + 1);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, jsonLines ? string.Concat(current.Select(r => r + "\n")) : "{\"requests\":[" + string.Join(",", current) + "]}");
            files.Add(path);
            current.Clear();
            bytes = 0;
        }

        foreach (var request in requests)
        {
            var size = Encoding.UTF8.GetByteCount(request) + 1;
            if (size + overhead > limits.MaxBytes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"One request is {size:N0} bytes, more than a whole batch may hold ({limits.MaxBytes:N0}); shorten the email."), nameof(requests));
            }

            if (current.Count == limits.MaxRequests || bytes + size + overhead > limits.MaxBytes)
            {
                Flush();
            }

            current.Add(request);
            bytes += size;
        }

        if (current.Count > 0)
        {
            Flush();
        }

        return files;
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

                var where = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)} line {number}");
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

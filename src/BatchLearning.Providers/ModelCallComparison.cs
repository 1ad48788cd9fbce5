using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Latency;
using BatchLearning.Prompts;
using Microsoft.Extensions.AI;

namespace BatchLearning.Providers;

/// <summary>
/// The same emails sent to one OpenAI-compatible endpoint (the course's inference server, or a provider) three ways, each measured from what came back:
/// one email per request from several callers at once, k emails packed into each request, and one batch file through the Batch API.
/// The chat paths go through an <see cref="IChatClient"/> from <see cref="OpenAiCompatibleChat"/> (429s retried after Retry-After); the batch path through
/// <see cref="ProviderBatchClient"/> (upload, create, poll, download, match by custom_id). Tokens are the ones each answer's usage bills.
/// </summary>
public static class ModelCallComparison
{
    private const string ApiKeyVariable = "OPENAI_API_KEY"; // the variable ProviderBatchClient reads the key from

    /// <summary>Sends <paramref name="emails"/> the three ways, one after the other, and returns one row per way.</summary>
    /// <param name="baseUrl">The API's base URL, for example the server's <c>InferenceServerProcess.BaseUrl</c>.</param>
    /// <param name="emails">The emails; at least one, with distinct ids (the batch path matches results by them).</param>
    /// <param name="price">The price table's row for the model the cost is given for (real-time rates for the chat paths, batch rates for the batch file).</param>
    /// <param name="options">The model, the batch folder, callers, k.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or there are no emails; the message names it and its range.</exception>
    public static async Task<IReadOnlyList<ModelCallPath>> RunAsync(
        Uri baseUrl, IReadOnlyList<EmailMessage> emails, ApiPrice price, ModelCallOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(options);
        Guard.InRange(emails.Count, 1, 100_000, nameof(emails) + ".Count");
        Guard.InRange(options.ConcurrentCallers, 1, 256, nameof(options.ConcurrentCallers));
        Guard.InRange(options.EmailsPerRequest, 2, 100, nameof(options.EmailsPerRequest));
        Guard.InRange(options.MaxRetries, 0, 10, nameof(options.MaxRetries));
        Guard.NotBlank(options.Model, nameof(options.Model));
        Guard.NotBlank(options.BatchFolder, nameof(options.BatchFolder));
        Guard.InRange(options.PauseBetweenPaths, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(options.PauseBetweenPaths));

        var target = new Target(baseUrl, price, options);
        var groups = emails.Select((email, i) => (email, i)).Chunk(options.EmailsPerRequest).Select(g => g.Select(x => x.i).ToArray()).ToList();
        var single = await ChatAsync("one email per request", target, emails, [.. emails.Select((_, i) => new[] { i })], cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.PauseBetweenPaths, cancellationToken).ConfigureAwait(false);
        var packed = await ChatAsync($"{options.EmailsPerRequest} emails per request", target, emails, groups, cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.PauseBetweenPaths, cancellationToken).ConfigureAwait(false);
        return [single, packed, await BatchFileAsync(target, emails, cancellationToken).ConfigureAwait(false)];
    }

    // Where the calls go, what they are priced at, and how they are sent.
    private sealed record Target(Uri BaseUrl, ApiPrice Price, ModelCallOptions Options);

    // Each request carries the emails at the given indexes; the callers take the next request from a shared counter until none is left.
    private static async Task<ModelCallPath> ChatAsync(
        string path, Target target, IReadOnlyList<EmailMessage> emails, IReadOnlyList<int[]> requests, CancellationToken cancellationToken)
    {
        var (baseUrl, price, options) = target;
        var traffic = new ChatTraffic();
        using var chat = OpenAiCompatibleChat.Create(baseUrl, options.Model, new OpenAiCompatibleChatOptions { ApiKey = options.ApiKey, MaxRetries = options.MaxRetries, Traffic = traffic });
        var latencies = new double[emails.Count];
        var categories = new EmailCategory?[emails.Count];
        long inputTokens = 0, outputTokens = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.ConcurrentCallers, requests.Count)).Select(async _ =>
        {
            for (var r = Interlocked.Increment(ref next); r < requests.Count; r = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await chat.GetResponseAsync(Messages(emails, requests[r]), Settings(requests[r].Length), cancellationToken).ConfigureAwait(false);
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var parsed = Parse(answer.Text, requests[r].Length);
                for (var j = 0; j < requests[r].Length; j++)
                {
                    latencies[requests[r][j]] = milliseconds;
                    categories[requests[r][j]] = parsed[j];
                }

                Interlocked.Add(ref inputTokens, answer.Usage?.InputTokenCount ?? 0);
                Interlocked.Add(ref outputTokens, answer.Usage?.OutputTokenCount ?? 0);
            }
        })).ConfigureAwait(false);
        var (median, p99) = Quantiles(latencies);
        return new ModelCallPath(path, emails.Count, categories.Count(c => c is not null), requests.Count, traffic.Attempts, traffic.RateLimited,
            inputTokens, outputTokens, median, p99, wall.Elapsed.TotalSeconds, (inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / 1e6);
    }

    private static List<ChatMessage> Messages(IReadOnlyList<EmailMessage> emails, int[] indexes) => indexes.Length == 1
        ? [new(ChatRole.System, ClassificationPrompt.System), new(ChatRole.User, ClassificationPrompt.User(emails[indexes[0]]))]
        : [new(ChatRole.System, PackedClassificationPrompt.SystemFor(indexes.Length)), new(ChatRole.User, PackedClassificationPrompt.User([.. indexes.Select(i => emails[i])]))];

    // The answer's length cap: one word, or one numbered line per email.
    private static ChatOptions Settings(int emails) => new() { MaxOutputTokens = emails == 1 ? ClassificationPrompt.MaxOutputTokens : emails * 6 };

    // A packed answer that does not parse is refused whole (its emails stay unclassified), as PackedClassificationPrompt.Parse decides.
    private static IReadOnlyList<EmailCategory?> Parse(string? text, int emails) =>
        emails == 1 ? [ClassificationPrompt.ParseAnswer(text)] : PackedClassificationPrompt.Parse(text, emails).Categories;

    private static async Task<ModelCallPath> BatchFileAsync(Target target, IReadOnlyList<EmailMessage> emails, CancellationToken cancellationToken)
    {
        var (baseUrl, price, options) = target;
        var client = new ProviderBatchClient(BatchProvider.OpenAi, options.BatchFolder, new ProviderBatchOptions
        {
            Endpoint = baseUrl,
            FirstPollDelay = options.FirstPollDelay,
            MaxPollDelay = options.FirstPollDelay * 8,
            MaxWait = options.MaxBatchWait,
            ReadEnvironment = name => name == ApiKeyVariable ? options.ApiKey : null,
        });
        var wall = Stopwatch.StartNew();
        client.Prepare(emails, options.Model);
        var outcome = await client.RunAsync(submit: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var seconds = wall.Elapsed.TotalSeconds;
        var classified = (outcome.Report?.Results ?? []).Count(r => r.Category is not null);
        var (inputTokens, outputTokens) = BilledTokens(client);
        var cost = (inputTokens * price.BatchInputPerMillion + outputTokens * price.BatchOutputPerMillion) / 1e6;
        return new ModelCallPath("one batch file", emails.Count, classified, emails.Count, null, null, inputTokens, outputTokens,
            seconds * 1000, seconds * 1000, seconds, cost); // every email waits for the whole file
    }

    // The usage of every answered line of the downloaded result files (an OpenAI batch output line: response.body.usage).
    private static (long Input, long Output) BilledTokens(ProviderBatchClient client)
    {
        long input = 0, output = 0;
        foreach (var file in client.State!.Batches.SelectMany(b => b.Downloaded))
        {
            foreach (var line in File.ReadLines(Path.Combine(client.Directory, file)).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                var usage = JsonNode.Parse(line)?["response"]?["body"]?["usage"];
                input += (long?)usage?["prompt_tokens"] ?? 0;
                output += (long?)usage?["completion_tokens"] ?? 0;
            }
        }

        return (input, output);
    }

    // The median and the 99th percentile (nearest rank) of the emails' latencies.
    private static (double Median, double P99) Quantiles(IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        return (NearestRank.Quantile(sorted, 0.50), NearestRank.Quantile(sorted, 0.99));
    }
}

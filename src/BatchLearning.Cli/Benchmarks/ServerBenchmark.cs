using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Notebook;
using BatchLearning.Providers;
using BatchLearning.Serving;
using BatchLearning.Training;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// The inference server (src/BatchLearning.Server, a child process) against the same classifier behind the library's dynamic batcher in this process,
/// with the server's batcher settings (batches of up to 64, 5 ms): what HTTP, JSON and the prompt cost per request, and how much of the in-process
/// throughput survives them. Also the in-process batcher's saturated throughput against the classifier called offline in batches of 64.
/// Each repetition measures the two sides back to back, so a busy moment of the machine falls on both.
/// </summary>
internal static class ServerBenchmark
{
    private const string Section = "inference server";
    private static readonly DynamicBatcherOptions ServerBatcher = new(MaxBatchSize: 64, MaxDelay: TimeSpan.FromMilliseconds(5));

    /// <summary>Runs the measurements, <paramref name="repetitions"/> times each, with <paramref name="requests"/> requests per saturation run.</summary>
    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(int requests, int repetitions)
    {
        var folder = Directory.CreateTempSubdirectory("batchlearning-bench-server-").FullName;
        try
        {
            var mail = EmailGenerator.Day(2_000, new DateOnly(2026, 3, 2), seed: Course.DefaultSeed);
            var (classifier, _) = EmailClassifier.Train(mail, new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.001)) { Seed = Course.DefaultSeed });
            using (classifier)
            {
                classifier.Save(Path.Combine(folder, "model"));
                using var server = await InferenceServerProcess.StartAsync(new InferenceServerSettings(Path.Combine(folder, "model")));
                return await MeasureAsync(classifier, [.. mail.Take(512)], server.BaseUrl, requests, repetitions);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<BenchFigure>> MeasureAsync(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, Uri baseUrl, int requests, int repetitions)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/") };
        var bodies = emails.Select(Body).ToArray();
        Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> classify = batch => classifier.Classify(batch, batchSize: 64);
        await using var batcher = new DynamicBatcher<EmailMessage, EmailCategory>(classify, ServerBatcher);
        Task InProcess(int i, CancellationToken token) => batcher.SubmitAsync(emails[i % emails.Count], token);
        async Task OverHttp(int i, CancellationToken token)
        {
            using var content = new ByteArrayContent(bodies[i % bodies.Length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await http.PostAsync("chat/completions", content, token);
            answer.EnsureSuccessStatusCode();
        }

        await LoadGenerator.ClosedLoopAsync(OverHttp, clients: 64, requestsPerClient: 10); // warm-up: connections, JIT, the server's first batches
        await LoadGenerator.ClosedLoopAsync(InProcess, clients: 64, requestsPerClient: 10);
        var (overhead, share, serverRate, batcherShare) = await RepeatAsync(InProcess, OverHttp, OfflineRate.Median(classify, emails, 5, TimeSpan.FromSeconds(0.2)), requests, repetitions);
        var rate = 0.8 * serverRate.Order().ElementAt(repetitions / 2);
        var p99 = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            p99[r] = (await LoadGenerator.OpenLoopAsync(OverHttp, rate, Math.Max(200, requests / 4), seed: r + 10)).LatencyP99Ms;
        }

        return
        [
            BenchFigure.Of(Section, "overhead per request over the in-process batcher (median latency, one caller)", overhead, "µs"),
            BenchFigure.Of(Section, "email classifier: throughput at saturation over HTTP / in-process batcher (64 callers)", share, "%", "at least 70%", median => median >= 70),
            BenchFigure.Of(Section, "email classifier: requests/s at saturation over HTTP (64 callers)", serverRate, "requests/s"),
            BenchFigure.Of(Section, $"email classifier: p99 latency over HTTP at 80% load ({rate:N0} req/s; context: no target)", p99, "ms"),
            BenchFigure.Of(Section, "email classifier: in-process batcher at saturation / offline batches of 64", batcherShare, "%", "at least 80%", median => median >= 80),
        ];
    }

    // Each repetition measures both sides back to back: one caller (the overhead), then 64 callers (saturation).
    private static async Task<(double[] Overhead, double[] Share, double[] ServerRate, double[] BatcherShare)> RepeatAsync(
        Func<int, CancellationToken, Task> inProcess, Func<int, CancellationToken, Task> overHttp, double offline, int requests, int repetitions)
    {
        var (overhead, share, serverRate, batcherShare) = (new double[repetitions], new double[repetitions], new double[repetitions], new double[repetitions]);
        for (var r = 0; r < repetitions; r++)
        {
            // One caller at a time: each request waits the 5 ms delay alone on both sides, so the difference is what the server adds.
            var single = await LoadGenerator.ClosedLoopAsync(inProcess, clients: 1, requestsPerClient: 100);
            var singleHttp = await LoadGenerator.ClosedLoopAsync(overHttp, clients: 1, requestsPerClient: 100);
            overhead[r] = (singleHttp.LatencyP50Ms - single.LatencyP50Ms) * 1000;
            var saturated = await LoadGenerator.ClosedLoopAsync(inProcess, clients: 64, requestsPerClient: Math.Max(1, requests / 64));
            var saturatedHttp = await LoadGenerator.ClosedLoopAsync(overHttp, clients: 64, requestsPerClient: Math.Max(1, requests / 64));
            serverRate[r] = saturatedHttp.ThroughputPerSecond;
            share[r] = saturatedHttp.ThroughputPerSecond / saturated.ThroughputPerSecond * 100;
            batcherShare[r] = saturated.ThroughputPerSecond / offline * 100;
        }

        return (overhead, share, serverRate, batcherShare);
    }

    // The chat-completions body of one email, as an OpenAI client sends it: the course's instruction and the email.
    private static byte[] Body(EmailMessage email) => System.Text.Encoding.UTF8.GetBytes(new JsonObject
    {
        ["model"] = "batchlearning-email",
        ["max_tokens"] = ClassificationPrompt.MaxOutputTokens,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = ClassificationPrompt.System },
            new JsonObject { ["role"] = "user", ["content"] = ClassificationPrompt.User(email) }),
    }.ToJsonString());
}

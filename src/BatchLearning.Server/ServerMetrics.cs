using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>
/// What the server has done: requests by endpoint and status, rate-limit refusals, Batch API lines by outcome, and (from the batcher) the model batches
/// it formed. Served at /metrics in Prometheus' text format and at /metrics.json; thread-safe.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _rateLimited = new();
    private readonly ConcurrentDictionary<string, long> _batchLines = new();

    /// <summary>Counts one answered request.</summary>
    public void Answered(string endpoint, int status) => _requests.AddOrUpdate((endpoint, status), 1, (_, n) => n + 1);

    /// <summary>Counts one 429 of the given limit ("requests" or "tokens").</summary>
    public void RateLimited(string limit) => _rateLimited.AddOrUpdate(limit, 1, (_, n) => n + 1);

    /// <summary>Counts Batch API lines by outcome ("completed", "failed", "expired").</summary>
    public void BatchLines(string outcome, int count) => _batchLines.AddOrUpdate(outcome, count, (_, n) => n + count);

    /// <summary>The metrics as JSON: counters, the batcher's batch sizes and latencies, and the completions loop's step sizes when it runs.</summary>
    public JsonObject ToJson(ServedClassifier model, ContinuousBatcher? completions = null)
    {
        var batcher = model.Batcher.Metrics();
        var sizes = new JsonObject();
        foreach (var (size, count) in batcher.BatchSizeCounts)
        {
            sizes[size.ToString(CultureInfo.InvariantCulture)] = count;
        }

        return new JsonObject
        {
            ["requests"] = new JsonArray([.. _requests.OrderBy(r => r.Key).Select(r => (JsonNode)new JsonObject { ["endpoint"] = r.Key.Endpoint, ["status"] = r.Key.Status, ["count"] = r.Value })]),
            ["rate_limited"] = Counts(_rateLimited),
            ["batch_api_lines"] = Counts(_batchLines),
            ["model"] = new JsonObject { ["forward_passes"] = model.ForwardPasses, ["emails"] = model.Emails },
            ["batcher"] = new JsonObject
            {
                ["completed"] = batcher.Completed, ["failed"] = batcher.Failed, ["batches"] = batcher.Batches,
                ["mean_batch_size"] = double.IsNaN(batcher.MeanBatchSize) ? null : batcher.MeanBatchSize, ["batch_size_counts"] = sizes,
                ["latency_p50_ms"] = Number(batcher.LatencyP50Ms), ["latency_p99_ms"] = Number(batcher.LatencyP99Ms),
            },
            ["continuous_batching"] = completions?.ToJson(),
        };
    }

    /// <summary>The metrics in Prometheus' text exposition format.</summary>
    public string ToPrometheus(ServedClassifier model)
    {
        var batcher = model.Batcher.Metrics();
        var text = new StringBuilder();
        Family(text, "batchlearning_server_requests_total", "counter", "Requests answered, by endpoint and HTTP status.",
            _requests.OrderBy(r => r.Key).Select(r => ($"endpoint=\"{r.Key.Endpoint}\",status=\"{r.Key.Status}\"", (double)r.Value)));
        Family(text, "batchlearning_server_rate_limited_total", "counter", "Requests refused with 429, by limit.",
            _rateLimited.OrderBy(r => r.Key).Select(r => ($"limit=\"{r.Key}\"", (double)r.Value)));
        Family(text, "batchlearning_server_batch_api_lines_total", "counter", "Batch API request lines, by outcome.",
            _batchLines.OrderBy(r => r.Key).Select(r => ($"outcome=\"{r.Key}\"", (double)r.Value)));
        Family(text, "batchlearning_server_model_batches_total", "counter", "Model batches the dynamic batcher formed, by size in requests.",
            batcher.BatchSizeCounts.Select(b => ($"size=\"{b.Key}\"", (double)b.Value)));
        Family(text, "batchlearning_server_forward_passes_total", "counter", "Forward passes of the classifier.", [("", model.ForwardPasses)]);
        Family(text, "batchlearning_server_emails_total", "counter", "Emails classified.", [("", model.Emails)]);
        return text.ToString();
    }

    private static JsonObject Counts(ConcurrentDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var (name, count) in counts.OrderBy(c => c.Key))
        {
            json[name] = count;
        }

        return json;
    }

    private static JsonNode? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(name).Append(labels.Length > 0 ? "{" + labels + "}" : "").Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}

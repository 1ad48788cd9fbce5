using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

namespace BatchLearning.Providers;

/// <summary>
/// The OpenAI Batch API through the official OpenAI SDK: <see cref="OpenAIFileClient.UploadFileAsync(Stream, string, FileUploadPurpose, CancellationToken)"/>
/// (purpose "batch"), <see cref="BatchClient.CreateBatchAsync"/> with the JSON body {input_file_id, endpoint, completion_window: "24h"},
/// <see cref="BatchClient.GetBatchAsync"/> for the status and <see cref="OpenAIFileClient.DownloadFileAsync(string, CancellationToken)"/> for the output and error files.
/// </summary>
#pragma warning disable OPENAI001 // The SDK marks its batch client as evaluation API; its wire format is the documented Batch API.
internal sealed class OpenAiBatchBackend : IProviderBatchBackend
{
    private static readonly HashSet<string> EndedStatuses = ["completed", "expired", "cancelled", "failed"];
    private readonly OpenAIFileClient files;
    private readonly BatchClient batches;

    internal OpenAiBatchBackend(string apiKey, ProviderBatchOptions options)
    {
        var clientOptions = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(options.MaxRetries) };
        if (options.Endpoint is not null)
        {
            clientOptions.Endpoint = options.Endpoint;
        }

        var client = new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions);
        files = client.GetOpenAIFileClient();
        batches = client.GetBatchClient();
    }

    public async Task<ProviderBatchEntry> CreateAsync(string directory, ProviderBatchEntry entry, Action<ProviderBatchEntry> save, CancellationToken cancellationToken)
    {
        if (entry.InputFileId is null)
        {
            await using var stream = File.OpenRead(Path.Combine(directory, entry.RequestFile));
            OpenAIFile uploaded = await files.UploadFileAsync(stream, Path.GetFileName(entry.RequestFile), FileUploadPurpose.Batch, cancellationToken).ConfigureAwait(false);
            entry = entry with { InputFileId = uploaded.Id };
            save(entry);
        }

        using var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new Dictionary<string, string>
        {
            ["input_file_id"] = entry.InputFileId,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
        }));
        var operation = await batches.CreateBatchAsync(body, waitUntilCompleted: false, new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        return entry with { BatchId = operation.BatchId };
    }

    public async Task<BatchCheck> CheckAsync(ProviderBatchEntry entry, CancellationToken cancellationToken)
    {
        var result = await batches.GetBatchAsync(entry.BatchId, new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        using var document = JsonDocument.Parse(result.GetRawResponse().Content);
        var batch = document.RootElement;
        var status = Text(batch, "status") ?? "unknown";
        if (status == "failed" && batch.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            && errors.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            status = $"failed: {Text(data[0], "message") ?? Text(data[0], "code")}";
        }

        var counts = batch.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        long Count(string name) => counts.ValueKind == JsonValueKind.Object && counts.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
        var updated = entry with
        {
            Status = status,
            Ended = EndedStatuses.Contains(Text(batch, "status") ?? ""),
            OutputFileId = Text(batch, "output_file_id"),
            ErrorFileId = Text(batch, "error_file_id"),
        };
        return new BatchCheck(updated, Count("completed") + Count("failed"), Count("failed"), Count("total"));
    }

    public async Task<ProviderBatchEntry> DownloadAsync(string directory, ProviderBatchEntry entry, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var (fileId, suffix) in new[] { (entry.OutputFileId, ".output.jsonl"), (entry.ErrorFileId, ".errors.jsonl") })
        {
            if (fileId is null)
            {
                continue;
            }

            BinaryData content = await files.DownloadFileAsync(fileId, cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileNameWithoutExtension(entry.RequestFile) + suffix;
            await ResultFile.WriteAtomicallyAsync(Path.Combine(directory, name), content.ToMemory(), cancellationToken).ConfigureAwait(false);
            written.Add(name);
        }

        return entry with { ResultFiles = written };
    }

    public void Dispose()
    {
        // The OpenAI clients hold no unmanaged resources of their own.
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

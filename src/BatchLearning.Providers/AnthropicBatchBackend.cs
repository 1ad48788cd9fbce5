using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages.Batches;

namespace BatchLearning.Providers;

/// <summary>
/// Anthropic Message Batches through the official Anthropic SDK: <c>client.Messages.Batches.Create</c> with the request file's
/// {"requests": [...]} body, <c>Retrieve</c> for the status and counts, and <c>ResultsStreaming</c> for the results (JSON Lines).
/// </summary>
internal sealed class AnthropicBatchBackend : IProviderBatchBackend
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();
    private readonly AnthropicClient client;

    internal AnthropicBatchBackend(string apiKey, ProviderBatchOptions options)
    {
        var clientOptions = new ClientOptions { ApiKey = apiKey, MaxRetries = options.MaxRetries };
        if (options.Endpoint is not null)
        {
            clientOptions = clientOptions with { BaseUrl = options.Endpoint.ToString().TrimEnd('/') };
        }

        client = new AnthropicClient(clientOptions);
    }

    public async Task<ProviderBatchEntry> CreateAsync(string directory, ProviderBatchEntry entry, Action<ProviderBatchEntry> save, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, entry.RequestFile);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        var body = new Dictionary<string, JsonElement> { ["requests"] = document.RootElement.GetProperty("requests").Clone() };
        var batch = await client.Messages.Batches.Create(BatchCreateParams.FromRawUnchecked(NoParameters, NoParameters, body), cancellationToken).ConfigureAwait(false);
        return entry with { BatchId = batch.ID, Status = batch.ProcessingStatus.Raw() };
    }

    public async Task<BatchCheck> CheckAsync(ProviderBatchEntry entry, CancellationToken cancellationToken)
    {
        var batch = await client.Messages.Batches.Retrieve(entry.BatchId!, new BatchRetrieveParams(), cancellationToken).ConfigureAwait(false);
        var counts = batch.RequestCounts;
        var status = batch.ProcessingStatus.Raw();
        var failed = counts.Errored + counts.Expired + counts.Canceled;
        return new BatchCheck(entry with { Status = status, Ended = status == "ended" }, counts.Succeeded + failed, failed, counts.Processing + counts.Succeeded + failed);
    }

    public async Task<ProviderBatchEntry> DownloadAsync(string directory, ProviderBatchEntry entry, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        await foreach (var result in client.Messages.Batches.ResultsStreaming(entry.BatchId!, new BatchResultsParams(), cancellationToken).ConfigureAwait(false))
        {
            lines.Append(JsonSerializer.Serialize(result.RawData)).Append('\n');
        }

        var name = Path.GetFileNameWithoutExtension(entry.RequestFile) + ".results.jsonl";
        await ResultFile.WriteAtomicallyAsync(Path.Combine(directory, name), Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken).ConfigureAwait(false);
        return entry with { ResultFiles = [name] };
    }

    public void Dispose() => client.Dispose();
}

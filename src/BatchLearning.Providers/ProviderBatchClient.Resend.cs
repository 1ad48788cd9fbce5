using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchLearning.Providers;

/// <summary>Sending again what a batch left unfinished (part of <see cref="ProviderBatchClient"/>).</summary>
public sealed partial class ProviderBatchClient
{
    /// <summary>
    /// After every batch has ended: collects them, then sends again, as one more batch, only the requests that came back expired or cancelled, or not at all
    /// (a batch that outlived its completion window ends with part of its work done). The new request file holds the same request lines, copied by custom_id;
    /// requests that succeeded are never sent twice, and requests that failed for a reason of their own (errored: too long, refused) are not sent again,
    /// since they would fail again. Then it waits for and collects the new batch, as <see cref="RunAsync"/> does.
    /// The outcome's report covers every batch, each email's newest result kept. When nothing is unfinished nothing is sent.
    /// </summary>
    /// <param name="submit">Must be true to send anything, as for <see cref="SubmitAsync"/>.</param>
    /// <param name="progress">Each check of the new batch.</param>
    /// <param name="cancellationToken">Stops between and during calls; what was created stays saved.</param>
    /// <exception cref="InvalidOperationException">Nothing was prepared; or submit is on and the key is not set.</exception>
    public async Task<ProviderBatchOutcome> ResendUnfinishedAsync(bool submit, IProgress<ProviderBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var collected = await CollectAsync(cancellationToken).ConfigureAwait(false);
        if (collected.Report is null)
        {
            return collected; // still running, nothing submitted, or no key: its message says which
        }

        var unfinished = collected.Report.Results.Where(r => r.Status is ProviderResultStatus.Expired or ProviderResultStatus.Canceled).Select(r => r.CustomId)
            .Concat(collected.Report.Missing).ToHashSet(StringComparer.Ordinal);
        if (unfinished.Count == 0)
        {
            return collected with { Message = $"Nothing unfinished, so nothing was sent again. {collected.Message}" };
        }

        var state = collected.State;
        var name = string.Create(CultureInfo.InvariantCulture, $"resend-{state.Batches.Count:D3}.{(Provider == BatchProvider.OpenAi ? "jsonl" : "json")}");
        WriteRequests(state, unfinished, Path.Combine(Directory, name));
        state = state with { Batches = [.. state.Batches, new ProviderBatchEntry(name)] };
        state.Save(Directory);
        var resent = await RunAsync(submit, progress, cancellationToken).ConfigureAwait(false);
        return resent with { Message = $"Sent again: {unfinished.Count:N0} unfinished request(s) in {name}. {resent.Message}" };
    }

    // The request lines whose custom_id is in ids, copied from the request files in the order first sent, each once.
    private void WriteRequests(ProviderBatchState state, HashSet<string> ids, string path)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var requests = new List<JsonNode>();
        foreach (var file in state.Batches.Select(b => Path.Combine(Directory, b.RequestFile)))
        {
            var lines = Provider == BatchProvider.OpenAi
                ? File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonNode.Parse(l)!)
                : JsonNode.Parse(File.ReadAllText(file))!["requests"]!.AsArray().Select(r => r!.DeepClone());
            requests.AddRange(lines.Where(r => (string?)r["custom_id"] is { } id && ids.Contains(id) && written.Add(id)));
        }

        var text = Provider == BatchProvider.OpenAi
            ? string.Join("\n", requests.Select(r => r.ToJsonString())) + "\n"
            : new JsonObject { ["requests"] = new JsonArray([.. requests]) }.ToJsonString();
        File.WriteAllText(path, text);
    }
}

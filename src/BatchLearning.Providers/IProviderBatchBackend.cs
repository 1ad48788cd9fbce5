namespace BatchLearning.Providers;

/// <summary>One provider's calls, made through its official SDK: create a batch from a request file, check it, download its results.</summary>
internal interface IProviderBatchBackend : IDisposable
{
    /// <summary>Uploads the request file when the provider needs it and creates the batch; <paramref name="save"/> keeps each id as soon as it exists.</summary>
    Task<ProviderBatchEntry> CreateAsync(string directory, ProviderBatchEntry entry, Action<ProviderBatchEntry> save, CancellationToken cancellationToken);

    /// <summary>Asks the provider for the batch's status and counts.</summary>
    Task<BatchCheck> CheckAsync(ProviderBatchEntry entry, CancellationToken cancellationToken);

    /// <summary>Downloads an ended batch's results (and errors) into <paramref name="directory"/>; the entry lists the files written.</summary>
    Task<ProviderBatchEntry> DownloadAsync(string directory, ProviderBatchEntry entry, CancellationToken cancellationToken);
}

/// <summary>A batch's state as the provider reported it.</summary>
internal sealed record BatchCheck(ProviderBatchEntry Entry, long Finished, long Failed, long Total);

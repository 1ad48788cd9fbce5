namespace BatchLearning.Providers;

/// <summary>One batch of a round trip as a table row: its request file, final status, and its lines by outcome.</summary>
/// <param name="File">The request file.</param>
/// <param name="Status">The batch's last status (completed, expired, ...); null before it was created.</param>
/// <param name="Requests">Requests in the file.</param>
/// <param name="Succeeded">Lines answered.</param>
/// <param name="Expired">Lines unfinished when the batch expired.</param>
/// <param name="Refused">Lines refused on their own.</param>
public sealed record ProviderBatchRow(string File, string? Status, int Requests, int Succeeded, int Expired, int Refused);

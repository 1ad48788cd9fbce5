using System.Globalization;

namespace BatchLearning.Providers;

/// <summary>Provider results matched to the requests that were sent, by custom_id, whatever order the provider wrote them in.</summary>
/// <param name="Results">One result per sent request that came back, in the order the requests were sent.</param>
/// <param name="Missing">Sent request ids with no result line.</param>
/// <param name="Unknown">Result lines whose custom_id was never sent (reported, not used).</param>
/// <param name="Duplicates">custom_ids that came back more than once (the first is kept).</param>
public sealed record ProviderResultReport(IReadOnlyList<ProviderResult> Results, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown, IReadOnlyList<string> Duplicates)
{
    /// <summary>How many results have each status.</summary>
    public int Count(ProviderResultStatus status) => Results.Count(r => r.Status == status);

    /// <summary>Matches parsed result lines against the sent ids.</summary>
    internal static ProviderResultReport Match(IEnumerable<string> sentIds, IEnumerable<ProviderResult> lines)
    {
        var sent = sentIds.ToList();
        var sentSet = sent.ToHashSet(StringComparer.Ordinal);
        var byId = new Dictionary<string, ProviderResult>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var duplicates = new List<string>();
        foreach (var line in lines)
        {
            if (!sentSet.Contains(line.CustomId))
            {
                unknown.Add(line.CustomId);
            }
            else if (!byId.TryAdd(line.CustomId, line))
            {
                duplicates.Add(line.CustomId);
            }
        }

        return new ProviderResultReport(
            sent.Where(byId.ContainsKey).Select(id => byId[id]).ToList(),
            sent.Where(id => !byId.ContainsKey(id)).ToList(),
            unknown,
            duplicates);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Count(ProviderResultStatus.Succeeded)} succeeded, {Count(ProviderResultStatus.Unparsed)} unparsed, {Count(ProviderResultStatus.Errored)} errored, {Count(ProviderResultStatus.Expired)} expired, {Count(ProviderResultStatus.Canceled)} canceled; {Missing.Count} missing, {Unknown.Count} unknown ids");
}

using System.Text.Json.Serialization;

namespace BatchLearning.Runner;

/// <summary>One notebook's line in artifacts/notebooks/summary.json.</summary>
/// <param name="Name">The notebook's file name without extension.</param>
/// <param name="Status">"ok" when every cell succeeded, else "failed".</param>
/// <param name="Seconds">Wall-clock time, kernel start included.</param>
/// <param name="Errors">One message per failure, naming the cell.</param>
public sealed record NotebookRunResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors)
{
    /// <summary>The values given with --param, as C# literals by name; empty when none were given.</summary>
    [JsonPropertyName("parameters")]
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the notebook ran without a failing cell.</summary>
    [JsonIgnore]
    public bool Succeeded => Status == "ok";
}

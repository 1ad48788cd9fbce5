using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchLearning.Runner;

/// <summary>
/// When and where a course run happened, written as <c>run.json</c> beside summary.json: the outputs of a run are measurements of that
/// machine, so whatever shows them (the course website) says which machine and when.
/// </summary>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Machine">The processor, its logical cores and the operating system, in one line.</param>
public sealed record CourseRunRecord(
    [property: JsonPropertyName("startedUtc")] DateTimeOffset StartedUtc,
    [property: JsonPropertyName("machine")] string Machine)
{
    /// <summary>The file name beside summary.json.</summary>
    public const string FileName = "run.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A run starting now on this machine (time from <paramref name="time"/>, the system clock when null).</summary>
    public static CourseRunRecord Now(TimeProvider? time = null) =>
        new((time ?? TimeProvider.System).GetUtcNow(), $"{ProcessorName()}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}");

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/>.</summary>
    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Indented) + "\n");

    /// <summary>The record in <paramref name="folder"/>, or null when there is none (a run by an older runner) or it cannot be read.</summary>
    public static CourseRunRecord? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CourseRunRecord>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ProcessorName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}

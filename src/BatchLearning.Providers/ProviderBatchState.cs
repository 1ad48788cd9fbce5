using System.Text.Json;
using System.Text.Json.Serialization;
using BatchLearning.Jobs;

namespace BatchLearning.Providers;

/// <summary>
/// What a <see cref="ProviderBatchClient"/> keeps next to the batch files (<see cref="FileName"/>), so that a restarted notebook or command
/// polls the batches it already created instead of paying for them twice. Written atomically (temporary file, then rename); holds ids, never a key.
/// </summary>
/// <param name="Provider">The provider the batches went to.</param>
/// <param name="Model">The model named in the requests.</param>
/// <param name="Batches">One entry per request file, in order.</param>
public sealed record ProviderBatchState(BatchProvider Provider, string Model, IReadOnlyList<ProviderBatchEntry> Batches)
{
    /// <summary>The state file's name in the batch directory.</summary>
    public const string FileName = "batch-state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>True when at least one batch has been created at the provider.</summary>
    [JsonIgnore]
    public bool AnySubmitted => Batches.Any(b => b.BatchId is not null);

    /// <summary>Reads the state in <paramref name="directory"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a state of this shape, or names a file outside <paramref name="directory"/>; the message names it.</exception>
    public static ProviderBatchState? Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<ProviderBatchState>(File.ReadAllText(path), Json);
            if (state is null || state.Batches is null || state.Model is null || state.Batches.Any(b => b?.RequestFile is null))
            {
                throw new InvalidDataException($"{path}: not a batch state (provider, model and batches with requestFile are required).");
            }

            CheckInside(path, directory, state.Batches.SelectMany(b => b.Downloaded.Prepend(b.RequestFile)));
            return state;
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not a valid batch state ({error.Message}).", error);
        }
    }

    // Every file a state names stays inside its batch directory: "../outside.jsonl" or "/etc/passwd" in a damaged or hand-edited state is refused, not read.
    private static void CheckInside(string path, string directory, IEnumerable<string> files)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        foreach (var file in files)
        {
            var full = file is null || file.Length == 0 || Path.IsPathRooted(file) ? null : Path.GetFullPath(Path.Combine(root, file));
            if (full is null || !full.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: the file '{file}' is outside the batch directory '{root}'; a state names its request and result files relative to that directory, inside it.");
            }
        }
    }

    /// <summary>Writes the state into <paramref name="directory"/> atomically.</summary>
    internal void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>This state with entry <paramref name="index"/> replaced.</summary>
    internal ProviderBatchState With(int index, ProviderBatchEntry entry) => this with { Batches = Batches.Select((b, i) => i == index ? entry : b).ToList() };
}

/// <summary>One request file and what became of it at the provider.</summary>
/// <param name="RequestFile">The request file's name, relative to the batch directory.</param>
/// <param name="InputFileId">OpenAI: the uploaded file's id; null before the upload and for Anthropic (which takes the requests in the create call).</param>
/// <param name="BatchId">The provider's batch id; null until the batch is created.</param>
/// <param name="Status">The provider's last reported status; null before the first check.</param>
/// <param name="Ended">True once the provider reports the batch over (completed, expired, cancelled, failed or ended).</param>
/// <param name="OutputFileId">OpenAI: the output file's id, once there is one.</param>
/// <param name="ErrorFileId">OpenAI: the error file's id, once there is one.</param>
/// <param name="ResultFiles">Downloaded result files, relative to the batch directory; empty until collected.</param>
public sealed record ProviderBatchEntry(
    string RequestFile,
    string? InputFileId = null,
    string? BatchId = null,
    string? Status = null,
    bool Ended = false,
    string? OutputFileId = null,
    string? ErrorFileId = null,
    IReadOnlyList<string>? ResultFiles = null)
{
    /// <summary>The downloaded result files (never null).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Downloaded => ResultFiles ?? [];
}

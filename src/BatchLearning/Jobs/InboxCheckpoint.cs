using System.Text.Json;

namespace BatchLearning.Jobs;

/// <summary>How far the job got: the inbox byte position after the last committed line, and how many commits it made. Saved atomically after each commit.</summary>
internal sealed record InboxCheckpoint(long Offset, int Commits)
{
    internal const string FileName = "checkpoint.json";

    internal static InboxCheckpoint Load(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path))
        {
            return new InboxCheckpoint(0, 0);
        }

        try
        {
            return JsonSerializer.Deserialize<InboxCheckpoint>(File.ReadAllText(path)) ?? throw new InvalidDataException($"The checkpoint '{path}' is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The checkpoint '{path}' is not readable ({error.Message}). It is written atomically, so this means it was edited or damaged; restore it or move the output folder aside to start over.", error);
        }
    }

    internal void Save(string outputDirectory) => AtomicFile.WriteAllText(Path.Combine(outputDirectory, FileName), JsonSerializer.Serialize(this));
}

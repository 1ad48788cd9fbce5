using System.Globalization;
using System.Text.Json;

namespace BatchLearning.Jobs;

/// <summary>
/// How far the job got: the inbox byte position after the last committed line, how many commits it made, and which inbox it was
/// (its real path and the SHA-256 of its first <paramref name="FingerprintBytes"/> bytes), so that another inbox is refused rather than
/// silently read from this one's position. Saved atomically after each commit. Checkpoints written before the inbox was recorded have no
/// <paramref name="Inbox"/>; the job checks that the position fits the inbox given and then records it.
/// </summary>
internal sealed record InboxCheckpoint(long Offset, int Commits, string? Inbox = null, int FingerprintBytes = 0, string? Fingerprint = null)
{
    internal const string FileName = "checkpoint.json";

    private static readonly JsonSerializerOptions Reading = new() { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    internal static InboxCheckpoint Load(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path))
        {
            return new InboxCheckpoint(0, 0);
        }

        InboxCheckpoint checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<InboxCheckpoint>(File.ReadAllText(path), Reading)
                ?? throw new InvalidDataException($"The checkpoint '{Path.GetFullPath(path)}' holds null instead of a checkpoint. {WhatToDo}");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The checkpoint '{Path.GetFullPath(path)}' is not readable ({error.Message}). It is written atomically, so this means it was edited or damaged. {WhatToDo}", error);
        }

        if (checkpoint.Offset < 0 || checkpoint.Commits < 0 || checkpoint.FingerprintBytes is < 0 or > InboxIdentity.FingerprintBytes
            || (checkpoint.Fingerprint is null) != (checkpoint.FingerprintBytes == 0))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The checkpoint '{Path.GetFullPath(path)}' is damaged: Offset {checkpoint.Offset} and Commits {checkpoint.Commits} must be at least 0, FingerprintBytes ({checkpoint.FingerprintBytes}) from 0 to {InboxIdentity.FingerprintBytes} with a Fingerprint when above 0. {WhatToDo}"));
        }

        return checkpoint;
    }

    internal const string WhatToDo = "Restore it, or move the output folder aside to process the inbox from the start.";

    internal void Save(string outputDirectory) => AtomicFile.WriteAllText(Path.Combine(outputDirectory, FileName), JsonSerializer.Serialize(this));
}

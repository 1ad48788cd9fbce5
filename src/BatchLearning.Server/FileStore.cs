using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchLearning.Server;

/// <summary>One stored file: its OpenAI file object's fields and its bytes.</summary>
internal sealed record StoredFile(string Id, string FileName, string Purpose, DateTimeOffset CreatedAt, byte[] Content)
{
    /// <summary>The file object, as GET /v1/files/{id} returns it.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["object"] = "file", ["bytes"] = Content.LongLength, ["created_at"] = CreatedAt.ToUnixTimeSeconds(), ["expires_at"] = null,
        ["filename"] = FileName, ["purpose"] = Purpose, ["status"] = "processed", ["status_details"] = null,
    };
}

/// <summary>The server's files (uploads, and the Batch API's output and error files), in memory for the server's lifetime.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    /// <summary>Stores a file under a new id ("file-" and 24 hex digits).</summary>
    public StoredFile Add(string fileName, string purpose, DateTimeOffset now, byte[] content)
    {
        var file = new StoredFile("file-" + Guid.NewGuid().ToString("N")[..24], fileName, purpose, now, content);
        _files[file.Id] = file;
        return file;
    }

    /// <summary>The file with this id, or null.</summary>
    public StoredFile? Find(string id) => _files.GetValueOrDefault(id);
}

namespace BatchLearning.Jobs;

/// <summary>Writes a file so that a reader sees the old content or the whole new content, never half: write a temporary file, flush it to disk, rename it over the target.</summary>
internal static class AtomicFile
{
    internal static void WriteAllText(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

using System.Text;

namespace BatchLearning.Jobs;

/// <summary>
/// Writes a file line by line so that a reader sees the old content or the whole new content, never half: lines go to a temporary file
/// (opened at the first line), <see cref="Commit"/> flushes it to disk and renames it over the target. Nothing written means no file.
/// Memory stays that of one line, whatever the file's size.
/// </summary>
internal sealed class AtomicFileWriter(string path) : IDisposable
{
    private FileStream? _stream;
    private StreamWriter? _writer;

    internal void WriteLine(string line)
    {
        if (_writer is null)
        {
            _stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None);
            _writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        _writer.Write(line);
        _writer.Write('\n');
    }

    internal void Commit()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Flush();
        _stream!.Flush(flushToDisk: true);
        _writer.Dispose();
        _writer = null;
        File.Move(path + ".tmp", path, overwrite: true);
    }

    // Without Commit the temporary file stays behind; the next run overwrites or removes it.
    public void Dispose() => _writer?.Dispose();
}

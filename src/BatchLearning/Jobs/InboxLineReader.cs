using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace BatchLearning.Jobs;

/// <summary>One complete inbox line: where it starts and ends (bytes), its text, and why it cannot be read when its bytes are not UTF-8.</summary>
internal sealed record InboxLine(long Start, long End, string Text, string? Problem);

/// <summary>
/// Reads the complete lines (ending in '\n') of the inbox between two byte positions, one at a time, so memory is one line whatever the backlog.
/// A UTF-8 byte-order mark at the start of a line is skipped; a trailing '\r' is dropped; bytes that are not UTF-8 are reported, not replaced silently.
/// </summary>
internal sealed class InboxLineReader(SafeFileHandle inbox, long start, long end)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly MemoryStream _line = new();
    private long _bufferStart = start;
    private int _count;
    private int _index;

    /// <summary>The position after the last complete line returned.</summary>
    internal long Position { get; private set; } = start;

    internal bool TryRead(out InboxLine? line)
    {
        while (true)
        {
            if (_index == _count)
            {
                _bufferStart += _count;
                var wanted = (int)Math.Min(_buffer.Length, end - _bufferStart);
                _count = wanted <= 0 ? 0 : RandomAccess.Read(inbox, _buffer.AsSpan(0, wanted), _bufferStart);
                _index = 0;
                if (_count == 0)
                {
                    line = null;
                    return false; // what is left is a line still being written: it waits for the next run
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _index, _count - _index);
            if (newline < 0)
            {
                _line.Write(_buffer, _index, _count - _index);
                _index = _count;
                continue;
            }

            _line.Write(_buffer, _index, newline - _index);
            _index = newline + 1;
            var lineStart = Position;
            Position = _bufferStart + _index;
            line = Decode(lineStart, Position, _line.GetBuffer().AsSpan(0, (int)_line.Length));
            _line.SetLength(0);
            return true;
        }
    }

    private static InboxLine Decode(long start, long end, ReadOnlySpan<byte> bytes)
    {
        var skipped = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        bytes = bytes[skipped..];
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.Done)
            {
                return new InboxLine(start, end, new string(chars, 0, written).TrimEnd('\r'), null);
            }

            Utf8.ToUtf16(bytes, chars, out _, out written, replaceInvalidSequences: true);
            var problem = string.Create(CultureInfo.InvariantCulture,
                $"not valid UTF-8: byte 0x{bytes[read]:X2} at byte offset {start + skipped + read} cannot be decoded (the line is kept here with U+FFFD in place of the bad bytes; fix the producer's encoding)");
            return new InboxLine(start, end, new string(chars, 0, written).TrimEnd('\r'), problem);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

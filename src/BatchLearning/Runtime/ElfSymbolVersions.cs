using System.Buffers.Binary;
using System.Text;

namespace BatchLearning.Runtime;

/// <summary>
/// Reads (and for one purpose edits) the symbol-version tables of a 64-bit little-endian ELF shared library:
/// the versions it defines (<c>.gnu.version_d</c>) and the versions it needs from other libraries (<c>.gnu.version_r</c>).
/// </summary>
/// <remarks>
/// Only what the libstdc++ compatibility step needs is implemented. Layouts follow the ELF gABI and the
/// Linux Standard Base "Symbol Versioning" chapter: Verneed and Vernaux entries are 16 bytes each, Verdef 20, Verdaux 8.
/// </remarks>
internal sealed class ElfSymbolVersions
{
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed
    internal const ushort WeakFlag = 0x2;                          // VER_FLG_WEAK

    private readonly byte[] _bytes;

    private ElfSymbolVersions(byte[] bytes) => _bytes = bytes;

    /// <summary>A version that the library needs, with the byte offset of its <c>vna_flags</c> field.</summary>
    internal sealed record NeededVersion(string Library, string Version, ushort Flags, int FlagsOffset)
    {
        /// <summary>Whether the dynamic loader may run the library even when this version is missing.</summary>
        public bool IsWeak => (Flags & WeakFlag) != 0;
    }

    /// <summary>Parses the file's bytes; throws <see cref="InvalidDataException"/> when they are not a 64-bit little-endian ELF file.</summary>
    internal static ElfSymbolVersions Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file (no \\x7fELF magic).");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");
        }

        return new ElfSymbolVersions(bytes);
    }

    /// <summary>Every version this library needs from others, in file order.</summary>
    internal IReadOnlyList<NeededVersion> NeededVersions()
    {
        var result = new List<NeededVersion>();
        foreach (var section in Sections().Where(s => s.Type == SectionTypeVersionNeeds))
        {
            var strings = Sections().ElementAt((int)section.Link);
            var entry = (int)section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var auxCount = U16(entry + 2);
                var library = String(strings, U32(entry + 4));
                var aux = entry + (int)U32(entry + 8);
                for (var j = 0; j < auxCount; j++)
                {
                    result.Add(new NeededVersion(library, String(strings, U32(aux + 8)), U16(aux + 4), aux + 4));
                    aux += (int)U32(aux + 12);
                }

                entry += (int)U32(entry + 12);
            }
        }

        return result;
    }

    /// <summary>Every version name this library defines (for libstdc++: GLIBCXX_3.4, GLIBCXX_3.4.1, ...).</summary>
    internal IReadOnlyList<string> DefinedVersions()
    {
        var result = new List<string>();
        foreach (var section in Sections().Where(s => s.Type == SectionTypeVersionDefinitions))
        {
            var strings = Sections().ElementAt((int)section.Link);
            var entry = (int)section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var aux = entry + (int)U32(entry + 12);
                result.Add(String(strings, U32(aux)));
                entry += (int)U32(entry + 16);
            }
        }

        return result;
    }

    /// <summary>
    /// Returns a copy of the file in which the needed version <paramref name="version"/> is marked weak,
    /// or null when the file does not need that version or already marks it weak.
    /// </summary>
    internal byte[]? WithNeededVersionMarkedWeak(string version)
    {
        var targets = NeededVersions().Where(n => n.Version == version && !n.IsWeak).ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        var copy = (byte[])_bytes.Clone();
        foreach (var target in targets)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(target.FlagsOffset), (ushort)(target.Flags | WeakFlag));
        }

        return copy;
    }

    private readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    private IEnumerable<Section> Sections()
    {
        var tableOffset = (long)U64(0x28);
        var entrySize = U16(0x3A);
        var count = U16(0x3C);
        if (tableOffset <= 0 || tableOffset + (long)entrySize * count > _bytes.Length)
        {
            throw new InvalidDataException("The ELF section header table lies outside the file.");
        }

        for (var i = 0; i < count; i++)
        {
            var at = (int)tableOffset + i * entrySize;
            yield return new Section(U32(at + 4), U64(at + 24), U64(at + 32), U32(at + 40), U32(at + 44));
        }
    }

    private string String(Section table, uint index)
    {
        var start = table.Offset + index;
        if (start >= (ulong)_bytes.Length)
        {
            throw new InvalidDataException($"An ELF string starts at byte {start}, past the end of the file ({_bytes.Length} bytes).");
        }

        var end = Array.IndexOf(_bytes, (byte)0, (int)start);
        if (end < 0)
        {
            throw new InvalidDataException("An ELF string is not terminated.");
        }

        return Encoding.ASCII.GetString(_bytes, (int)start, end - (int)start);
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));

    private ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

    private ReadOnlySpan<byte> Slice(int at, int length) =>
        at >= 0 && at + length <= _bytes.Length
            ? _bytes.AsSpan(at, length)
            : throw new InvalidDataException($"The ELF file is truncated: needed bytes {at}..{at + length}, it has {_bytes.Length}.");
}

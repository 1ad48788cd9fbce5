using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace BatchLearning.Jobs;

/// <summary>
/// What makes an inbox the same inbox whatever path reaches it: its real path (absolute, every symbolic link resolved) for the lock and the checkpoint,
/// and a fingerprint (SHA-256) of its first bytes, which an append-only inbox never changes once they are committed.
/// </summary>
internal static class InboxIdentity
{
    /// <summary>Bytes of the inbox's start covered by the fingerprint (fewer while less has been committed).</summary>
    internal const int FingerprintBytes = 4096;

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link on the way resolved (as realpath does).</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            // A link's final target may itself pass through links in its folders: resolve it again.
            resolved = entry.LinkTarget is null ? next : RealPath(entry.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        }

        return resolved;
    }

    // statx(2): AT_FDCWD for a path from the current folder (ours are absolute), STATX_INO for the inode (the device is always filled in).
    private const int CurrentFolder = -100;
    private const uint InodeField = 0x100;

    /// <summary>
    /// Holds the inbox file itself, not a path to it: an exclusive lock on a file in the temporary folder named by the inbox's device and inode numbers.
    /// A second path to the same file (a hard link: another name, one inode) meets this lock where the lock file beside the real path cannot catch it.
    /// Null where the inode cannot be read (not Linux, or a kernel or C library without statx); the lock file beside the inbox then guards alone.
    /// </summary>
    /// <exception cref="IOException">Another job holds the file, through this path or another.</exception>
    internal static FileStream? HoldInbox(string realPath)
    {
        if (!OperatingSystem.IsLinux() || FileKey(realPath) is not { } key)
        {
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "batchlearning-inbox-locks");
        Directory.CreateDirectory(folder);
        return new FileStream(Path.Combine(folder, key + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    // "device-inode" of a file, the same for every name it has; null when statx is missing or fails.
    private static string? FileKey(string path)
    {
        var buffer = new byte[256];
        try
        {
            if (Statx(CurrentFolder, path, 0, InodeField, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        // struct statx: stx_ino at byte 32, stx_dev_major and stx_dev_minor at bytes 136 and 140 (the same layout on every architecture).
        var inode = BitConverter.ToUInt64(buffer, 32);
        var major = BitConverter.ToUInt32(buffer, 136);
        var minor = BitConverter.ToUInt32(buffer, 140);
        return string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}-{inode}");
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    /// <summary>The SHA-256 (hex) of the inbox's first <paramref name="bytes"/> bytes.</summary>
    internal static string Fingerprint(SafeFileHandle inbox, int bytes)
    {
        var buffer = new byte[bytes];
        var read = 0;
        while (read < bytes)
        {
            var got = RandomAccess.Read(inbox, buffer.AsSpan(read), read);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, read)));
    }
}

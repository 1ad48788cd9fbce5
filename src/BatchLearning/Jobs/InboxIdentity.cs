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

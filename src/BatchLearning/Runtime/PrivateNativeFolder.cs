using System.Security.Cryptography;
using System.Text;

namespace BatchLearning.Runtime;

/// <summary>
/// A folder of this user's cache (<c>$XDG_CACHE_HOME/batchlearning/native</c>, else <c>~/.cache/batchlearning/native</c>) from which
/// TorchSharp's glue library loads: a symbolic link to every file of the libtorch folder, and the glue library itself, as a link or
/// as a private copy with <see cref="LibStdCxxCompatibility.RequiredVersion"/> marked optional. The dynamic loader finds the glue
/// library's companions beside it (its search path starts with its own folder), and the files it links to are only read.
/// </summary>
/// <remarks>
/// One folder per layout and per need (a hash of the paths, the glue library's size and time, and whether it is patched), built
/// under a temporary name and renamed into place, so processes starting together never see half a folder.
/// </remarks>
internal static class PrivateNativeFolder
{
    private const string CompleteMarker = ".complete";

    /// <summary>The folder for <paramref name="layout"/> under <paramref name="root"/> (<see cref="Root"/>), built when missing; its path.</summary>
    public static string Ensure(string root, NativeLayout layout, bool markRequirementOptional)
    {
        var folder = Path.Combine(root, Key(layout, markRequirementOptional));
        Directory.CreateDirectory(root);
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            return folder;
        }

        var building = $"{folder}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(building);
        try
        {
            Fill(building, layout, markRequirementOptional);
            if (Directory.Exists(folder) && !File.Exists(Path.Combine(folder, CompleteMarker)))
            {
                Directory.Delete(folder, recursive: true);
            }

            if (!Directory.Exists(folder))
            {
                Directory.Move(building, folder);
            }
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            // Another process finished the same folder first: use it.
        }
        finally
        {
            if (Directory.Exists(building))
            {
                Directory.Delete(building, recursive: true);
            }
        }

        TryPrune(root);
        return folder;
    }

    // Tidying up never stops libtorch from loading: the folder this process needs is ready.
    private static void TryPrune(string root)
    {
        try
        {
            PruneStale(root, DateTime.UtcNow - TimeSpan.FromHours(1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start.
        }
    }

    /// <summary>
    /// Removes the folders under <paramref name="root"/> whose glue library or libtorch folder no longer exists (a deleted clone's), or whose glue
    /// library was since replaced by another build (its size or time differ from the ones the marker recorded), and half-built folders left before
    /// <paramref name="olderThan"/> by a process that was killed. Nothing else is touched, and a folder that cannot be read or removed (another
    /// process removing it at the same moment) is left for next time.
    /// </summary>
    internal static void PruneStale(string root, DateTime olderThan)
    {
        foreach (var candidate in Directory.EnumerateDirectories(root))
        {
            try
            {
                if (IsStale(candidate, olderThan))
                {
                    Directory.Delete(candidate, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next prune.
            }
        }
    }

    private static bool IsStale(string candidate, DateTime olderThan)
    {
        if (candidate.EndsWith(".tmp", StringComparison.Ordinal))
        {
            return Directory.GetLastWriteTimeUtc(candidate) < olderThan;
        }

        var marker = Path.Combine(candidate, CompleteMarker);
        return File.Exists(marker) && File.ReadAllLines(marker) is [var glue, var libTorch, .. var rest]
            && !(File.Exists(glue) && Directory.Exists(libTorch) && (rest is not [var identity, ..] || identity == GlueIdentity(glue)));
    }

    // The glue library's size and modification time: a rebuild or an upgrade in place changes them.
    private static string GlueIdentity(string glue)
    {
        var file = new FileInfo(glue);
        return $"{file.Length}|{file.LastWriteTimeUtc.Ticks}";
    }

    /// <summary>The folder that holds one private folder per layout.</summary>
    public static string Root()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "batchlearning", "native");
    }

    private static void Fill(string folder, NativeLayout layout, bool markRequirementOptional)
    {
        foreach (var file in Directory.EnumerateFiles(layout.LibTorchFolder))
        {
            if (Path.GetFileName(file) != LibStdCxxCompatibility.NativeLibraryFileName)
            {
                File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
            }
        }

        var glue = Path.Combine(folder, LibStdCxxCompatibility.NativeLibraryFileName);
        if (markRequirementOptional)
        {
            File.WriteAllBytes(glue, LibStdCxxCompatibility.WithRequirementOptional(File.ReadAllBytes(layout.GlueLibrary)));
        }
        else
        {
            File.CreateSymbolicLink(glue, layout.GlueLibrary);
        }

        File.WriteAllText(Path.Combine(folder, CompleteMarker), $"{layout.GlueLibrary}\n{layout.LibTorchFolder}\n{GlueIdentity(layout.GlueLibrary)}\n");
    }

    private static string Key(NativeLayout layout, bool markRequirementOptional)
    {
        var glue = new FileInfo(layout.GlueLibrary);
        var identity = $"{layout.GlueLibrary}|{glue.Length}|{glue.LastWriteTimeUtc.Ticks}|{layout.LibTorchFolder}|{markRequirementOptional}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }
}

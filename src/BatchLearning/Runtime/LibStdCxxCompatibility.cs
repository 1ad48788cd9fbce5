using System.Runtime.InteropServices;

namespace BatchLearning.Runtime;

/// <summary>
/// Lets TorchSharp 0.107's native library load on systems whose libstdc++ is older than GCC 13
/// (Debian 12, Ubuntu 22.04): it changes nothing where the system's libstdc++ is new enough.
/// </summary>
/// <remarks>
/// <para>
/// <c>libLibTorchSharp.so</c> declares that it needs the symbol version <c>GLIBCXX_3.4.32</c>. The only symbol under that
/// version is <c>std::ios_base_library_init()</c>, which nothing in the file relocates against, so the requirement is a label,
/// not a dependency. Where the system's libstdc++ does not define that version, this step sets the "weak" flag
/// (<c>VER_FLG_WEAK</c>) on that one requirement: a two-byte change that tells the dynamic loader a missing version
/// is not fatal. Each copy of the file that TorchSharp may load (the build output, the NuGet package, the copy TorchSharp
/// makes for notebooks) is rewritten atomically (a new file renamed over the old one), so a process that already
/// mapped the old file is not disturbed.
/// </para>
/// <para>The step must run before anything touches <c>TorchSharp.torch</c>; <see cref="TorchRuntime"/> does that.</para>
/// </remarks>
public static class LibStdCxxCompatibility
{
    /// <summary>The symbol version that TorchSharp 0.107.0's native library asks of libstdc++.</summary>
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    /// <summary>The file name of TorchSharp's native glue library on Linux.</summary>
    public const string NativeLibraryFileName = "libLibTorchSharp.so";

    /// <summary>
    /// Applies the step for the TorchSharp assembly loaded in this process, logging one line to <paramref name="log"/> when a file changes.
    /// </summary>
    /// <returns>What was found and done; <see cref="CompatibilityResult.NotNeeded"/> on anything but Linux.</returns>
    public static CompatibilityResult ApplyForThisProcess(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!OperatingSystem.IsLinux())
        {
            return CompatibilityResult.NotNeeded;
        }

        var systemLibrary = FindLoadedLibStdCxx();
        if (systemLibrary is null || DefinesRequiredVersion(systemLibrary))
        {
            return CompatibilityResult.NotNeeded with { SystemLibStdCxx = systemLibrary };
        }

        var torchSharpDirectory = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (string.IsNullOrEmpty(torchSharpDirectory))
        {
            return CompatibilityResult.NotNeeded with { SystemLibStdCxx = systemLibrary };
        }

        var patched = PatchCopies(CandidateCopies(torchSharpDirectory));
        if (patched.Count > 0)
        {
            log.WriteLine(
                $"Note, once per machine (information, not an error): this Linux's C++ runtime ({systemLibrary}) is older than " +
                $"TorchSharp's native library asks for ({RequiredVersion}). That requirement is only a label, so BatchLearning marked it " +
                $"optional in {patched.Count} cop{(patched.Count == 1 ? "y" : "ies")} of {NativeLibraryFileName}; TorchSharp loads normally. " +
                "Nothing to do (README, Troubleshooting).");
        }

        return new CompatibilityResult(Needed: true, SystemLibStdCxx: systemLibrary, PatchedFiles: patched);
    }

    /// <summary>Whether the libstdc++ at <paramref name="libStdCxxPath"/> defines <see cref="RequiredVersion"/>.</summary>
    public static bool DefinesRequiredVersion(string libStdCxxPath) =>
        ElfSymbolVersions.Parse(File.ReadAllBytes(libStdCxxPath)).DefinedVersions().Contains(RequiredVersion);

    /// <summary>
    /// Marks <see cref="RequiredVersion"/> weak in each existing file of <paramref name="files"/> that still needs it strictly.
    /// </summary>
    /// <returns>The files that were changed.</returns>
    public static IReadOnlyList<string> PatchCopies(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var patched = new List<string>();
        foreach (var file in files.Where(File.Exists).Distinct())
        {
            var changed = ElfSymbolVersions.Parse(File.ReadAllBytes(file)).WithNeededVersionMarkedWeak(RequiredVersion);
            if (changed is null)
            {
                continue;
            }

            var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, changed);
            File.Move(temporary, file, overwrite: true);
            patched.Add(file);
        }

        return patched;
    }

    /// <summary>
    /// Every place TorchSharp may load its native library from, given the folder of <c>TorchSharp.dll</c>:
    /// beside it, under <c>runtimes/linux-x64/native</c> (build output), in the package's own <c>runtimes</c> folder
    /// (NuGet cache) and in the <c>cpu</c>/<c>cuda</c> folders TorchSharp fills when it runs inside a notebook kernel.
    /// </summary>
    public static IEnumerable<string> CandidateCopies(string torchSharpDirectory)
    {
        ArgumentNullException.ThrowIfNull(torchSharpDirectory);
        string[] folders =
        [
            torchSharpDirectory,
            Path.Combine(torchSharpDirectory, "runtimes", "linux-x64", "native"),
            Path.Combine(torchSharpDirectory, "cpu"),
            Path.Combine(torchSharpDirectory, "cuda"),
            Path.Combine(torchSharpDirectory, "..", "..", "runtimes", "linux-x64", "native"),
        ];
        return folders.Select(folder => Path.GetFullPath(Path.Combine(folder, NativeLibraryFileName)));
    }

    /// <summary>The path of the libstdc++ this process loads, read from <c>/proc/self/maps</c>; null when none can be found.</summary>
    public static string? FindLoadedLibStdCxx()
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out _))
        {
            return null;
        }

        return File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault();
    }
}

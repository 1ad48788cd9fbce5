using System.Runtime.InteropServices;

namespace BatchLearning.Runtime;

/// <summary>
/// Lets TorchSharp 0.107's native library load on systems whose libstdc++ is older than GCC 13
/// (Debian 12, Ubuntu 22.04): it changes nothing where the system's libstdc++ is new enough, and never writes a file that
/// NuGet or a build produced.
/// </summary>
/// <remarks>
/// <para>
/// <c>libLibTorchSharp.so</c> declares that it needs the symbol version <c>GLIBCXX_3.4.32</c>. The only symbol under that
/// version is <c>std::ios_base_library_init()</c>, which nothing in the file relocates against, so the requirement is a label,
/// not a dependency. Where the system's libstdc++ does not define that version, the library loads a private copy of the file
/// (in this user's cache, see <see cref="TorchNativeLibraries"/>) in which that one requirement carries the "weak" flag
/// (<c>VER_FLG_WEAK</c>): a two-byte change that tells the dynamic loader a missing version is not fatal.
/// </para>
/// <para>The resolver must be registered before anything touches <c>TorchSharp.torch</c>; the library does that when it loads.</para>
/// </remarks>
public static class LibStdCxxCompatibility
{
    /// <summary>The symbol version that TorchSharp 0.107.0's native library asks of libstdc++.</summary>
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    /// <summary>The file name of TorchSharp's native glue library on Linux.</summary>
    public const string NativeLibraryFileName = "libLibTorchSharp.so";

    /// <summary>What this process found and did: read after TorchSharp has loaded (<see cref="TorchRuntime.Initialize"/>).</summary>
    public static CompatibilityResult ForThisProcess()
    {
        var load = TorchNativeLibraries.Load;
        if (load == NativeLoad.NotYet && OperatingSystem.IsLinux())
        {
            var system = FindLoadedLibStdCxx();
            return new CompatibilityResult(system is not null && !DefinesRequiredVersion(system), system, null);
        }

        return new CompatibilityResult(load.LibStdCxxStepNeeded, load.SystemLibStdCxx, load.PrivateCopy);
    }

    /// <summary>Whether the libstdc++ at <paramref name="libStdCxxPath"/> defines <see cref="RequiredVersion"/>.</summary>
    public static bool DefinesRequiredVersion(string libStdCxxPath) =>
        ElfSymbolVersions.Parse(File.ReadAllBytes(libStdCxxPath)).DefinedVersions().Contains(RequiredVersion);

    /// <summary>
    /// The bytes of a glue library with <see cref="RequiredVersion"/> marked weak; the same bytes when it already is, or does not ask for it.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file, or are cut short.</exception>
    public static byte[] WithRequirementOptional(byte[] library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return ElfSymbolVersions.Parse(library).WithNeededVersionMarkedWeak(RequiredVersion) ?? library;
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
            Path.Combine(torchSharpDirectory, "..", "..", "runtimes", "linux-x64", "native"),
            Path.Combine(torchSharpDirectory, "cpu"),
            Path.Combine(torchSharpDirectory, "cuda"),
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

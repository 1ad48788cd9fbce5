namespace BatchLearning.Runtime;

/// <summary>
/// Where this process can find TorchSharp's native glue library and the libtorch folder it needs: in an application's output
/// (the CLI, the tests, the worker: both in one folder), or in two NuGet package folders (a notebook kernel, a file-based lesson).
/// </summary>
/// <param name="GlueLibrary">The full path of <c>libLibTorchSharp.so</c>.</param>
/// <param name="LibTorchFolder">The folder holding <c>libtorch_cpu.so</c> (or <c>libtorch_cuda.so</c>) and its companions.</param>
internal sealed record NativeLayout(string GlueLibrary, string LibTorchFolder)
{
    private static readonly string[] LibTorchMarkers = ["libtorch_cpu.so", "libtorch_cuda.so"];

    /// <summary>True when the glue library sits in the libtorch folder, where the dynamic loader finds its companions by itself.</summary>
    public bool GlueBesideLibTorch => string.Equals(Path.GetDirectoryName(GlueLibrary), LibTorchFolder, StringComparison.Ordinal);

    /// <summary>The layout seen from the folder of <c>TorchSharp.dll</c>; null when no glue library or no libtorch can be found.</summary>
    public static NativeLayout? Find(string torchSharpDirectory) => Find(torchSharpDirectory, ApplicationNativeFolders());

    /// <summary>The layout seen from <paramref name="applicationFolders"/> (searched first) and the folder of <c>TorchSharp.dll</c>.</summary>
    public static NativeLayout? Find(string torchSharpDirectory, IEnumerable<string> applicationFolders)
    {
        var folders = SearchFolders(torchSharpDirectory, applicationFolders).ToList();
        var glueFolder = folders.FirstOrDefault(f => File.Exists(Path.Combine(f, LibStdCxxCompatibility.NativeLibraryFileName)));
        if (glueFolder is null)
        {
            return null;
        }

        var libTorch = HasLibTorch(glueFolder) ? glueFolder : folders.FirstOrDefault(HasLibTorch) ?? PackageLibTorchFolder(torchSharpDirectory);
        return libTorch is null ? null : new NativeLayout(Path.Combine(glueFolder, LibStdCxxCompatibility.NativeLibraryFileName), libTorch);
    }

    /// <summary>The folders .NET searches for this application's native libraries.</summary>
    private static IEnumerable<string> ApplicationNativeFolders() =>
        (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The application's native folders, then those of the TorchSharp package.</summary>
    private static IEnumerable<string> SearchFolders(string torchSharpDirectory, IEnumerable<string> applicationFolders)
    {
        return applicationFolders
            .Concat(LibStdCxxCompatibility.CandidateCopies(torchSharpDirectory).Select(file => Path.GetDirectoryName(file)!))
            .Where(Directory.Exists)
            .Select(folder => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))
            .Distinct(StringComparer.Ordinal);
    }

    private static bool HasLibTorch(string folder) => LibTorchMarkers.Any(marker => File.Exists(Path.Combine(folder, marker)));

    /// <summary>
    /// libtorch in the NuGet cache, beside the TorchSharp package when TorchSharp.dll is loaded from there (a notebook kernel),
    /// else in NUGET_PACKAGES or ~/.nuget/packages: the newest restored version of libtorch-cpu-linux-x64.
    /// </summary>
    private static string? PackageLibTorchFolder(string torchSharpDirectory)
    {
        var fromPackage = Path.GetFullPath(Path.Combine(torchSharpDirectory, "..", "..", "..", ".."));
        var root = torchSharpDirectory.Contains($"{Path.DirectorySeparatorChar}torchsharp{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? fromPackage
            : Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Path.Combine(root, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(package))
        {
            return null;
        }

        return Directory.EnumerateDirectories(package)
            .Select(version => Path.Combine(version, "runtimes", "linux-x64", "native"))
            .Where(HasLibTorch)
            .OrderByDescending(folder => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(folder)))), out var v) ? v : new Version())
            .FirstOrDefault();
    }
}

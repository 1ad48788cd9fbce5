using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace BatchLearning.Runtime;

/// <summary>
/// Decides where TorchSharp's native glue library (<c>libLibTorchSharp.so</c>) is loaded from, before anything touches
/// <c>TorchSharp.torch</c>. Nothing in the NuGet cache or in a build's output is ever written.
/// </summary>
/// <remarks>
/// <para>Where the glue library sits beside libtorch and the system's libstdc++ is new enough, this steps aside and .NET loads the
/// library as usual.</para>
/// <para>Otherwise it loads the glue library from a private folder first (<see cref="PrivateNativeFolder"/>): links to every libtorch
/// file and either a link to the glue library or, where this system's libstdc++ lacks <see cref="LibStdCxxCompatibility.RequiredVersion"/>
/// (Debian 12, Ubuntu 22.04), a copy of it with that one requirement marked optional. TorchSharp's own search then finds the library
/// already loaded (by its name), and a resolver on the TorchSharp assembly hands the same library to every native call. That also covers
/// a notebook kernel and a file-based lesson, where the glue library and libtorch live in two NuGet package folders and TorchSharp would
/// otherwise copy both into one (inside the NuGet cache, for a kernel).</para>
/// <para>The library calls <see cref="Register"/> when it is loaded (a module initializer); entry points that may touch TorchSharp
/// before the library call it first. It is idempotent.</para>
/// </remarks>
public static class TorchNativeLibraries
{
    private const string GlueLibraryName = "LibTorchSharp";
    private static readonly Lock Gate = new();
    private static NativeLoad? _load;

    /// <summary>
    /// Loads the glue library from the private folder where this process needs it, and registers the resolver; once per process.
    /// Never throws: a failure is kept in <see cref="Load"/> (<see cref="NativeLoad.Failure"/>), and TorchSharp then reports its own.
    /// </summary>
    /// <returns>What was found and done.</returns>
    public static NativeLoad Register()
    {
        lock (Gate)
        {
            if (_load is not null)
            {
                return _load;
            }

            try
            {
                _load = LoadGlueLibrary();
                NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException or InvalidDataException or InvalidOperationException)
            {
                _load ??= NativeLoad.Default(needed: false, systemLibStdCxx: null) with { Failure = error.Message };
            }

            return _load;
        }
    }

    /// <summary>What <see cref="Register"/> found and did; <see cref="NativeLoad.NotYet"/> before it ran.</summary>
    public static NativeLoad Load
    {
        get
        {
            lock (Gate)
            {
                return _load ?? NativeLoad.NotYet;
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        IsGlueLibrary(libraryName) ? Load.Handle : IntPtr.Zero;

    private static bool IsGlueLibrary(string libraryName) =>
        libraryName is GlueLibraryName || Path.GetFileName(libraryName) == LibStdCxxCompatibility.NativeLibraryFileName;

    private static NativeLoad LoadGlueLibrary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return NativeLoad.Default(needed: false, systemLibStdCxx: null);
        }

        var systemLibrary = LibStdCxxCompatibility.FindLoadedLibStdCxx();
        var needed = systemLibrary is not null && !LibStdCxxCompatibility.DefinesRequiredVersion(systemLibrary);
        var layout = NativeLayout.Find(Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "");
        if (layout is null || (!needed && layout.GlueBesideLibTorch))
        {
            return NativeLoad.Default(needed, systemLibrary);
        }

        var folder = PrivateNativeFolder.Ensure(PrivateNativeFolder.Root(), layout, markRequirementOptional: needed);
        var path = Path.Combine(folder, LibStdCxxCompatibility.NativeLibraryFileName);
        return new NativeLoad(NativeLibrary.Load(path), needed, systemLibrary, path);
    }
}

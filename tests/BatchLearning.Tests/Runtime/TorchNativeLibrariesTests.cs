using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using TorchSharp;

namespace BatchLearning.Tests.Runtime;

public sealed class TorchNativeLibrariesTests
{
    private const int RtldLazy = 0x1;
    private const int RtldNoLoad = 0x4;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr DlOpen(string path, int flags);

    [DllImport("libc", EntryPoint = "dlclose")]
    private static extern int DlClose(IntPtr handle);

    // Asks the dynamic loader itself whether a file is loaded (RTLD_NOLOAD: it answers without loading anything).
    // The process's memory map cannot say: TorchSharp probes the build output's copy by path whenever it looks for its backend again,
    // and a refused probe can leave the file mapped, loaded or not.
    private static bool IsLoaded(string path)
    {
        var handle = DlOpen(path, RtldLazy | RtldNoLoad);
        if (handle == IntPtr.Zero)
        {
            return false;
        }

        DlClose(handle); // NOLOAD counted one more reference
        return true;
    }

    [Fact]
    public void The_glue_library_in_use_is_the_private_copy_exactly_when_this_system_needs_the_step_and_the_original_stays_strict()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var environment = TorchRuntime.Initialize();
        var load = TorchNativeLibraries.Load;
        var output = OutputGlueLibrary();

        Assert.Null(load.Failure);
        Assert.Equal(environment.Compatibility.Needed, load.LibStdCxxStepNeeded);
        using var product = torch.ones(4, 4).matmul(torch.ones(4, 4));
        Assert.Equal(4f, product[0, 0].item<float>());
        var outputIsStrict = !ElfSymbolVersions.Parse(File.ReadAllBytes(output)).NeededVersions()
            .Single(n => n.Version == LibStdCxxCompatibility.RequiredVersion).IsWeak;
        if (load.LibStdCxxStepNeeded)
        {
            Assert.True(IsLoaded(load.PrivateCopy!), $"the private copy is not loaded: {load.PrivateCopy}");

            // A strict copy cannot load beside this libstdc++, so it must not be. (A NuGet cache whose copy an earlier version of this course
            // patched in place holds a weak one, which loads; the cache is never written, so such a machine keeps it.)
            if (outputIsStrict)
            {
                Assert.False(IsLoaded(output), $"the build output's strict copy is loaded: {output}");
            }
        }

        // The build output's copy, which the test host would load by itself, was copied from the package and never rewritten.
        var packaged = Directory.GetDirectories(Path.Combine(NuGetPackages(), "torchsharp"))
            .Select(version => Path.Combine(version, "runtimes", "linux-x64", "native", LibStdCxxCompatibility.NativeLibraryFileName))
            .Where(File.Exists)
            .Select(Sha256)
            .ToList();
        Assert.Contains(Sha256(output), packaged);
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string NuGetPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public void A_private_folder_links_every_libtorch_file_and_holds_a_patched_copy_leaving_the_originals_unchanged()
    {
        var source = Repository.NewTemporaryFolder();
        var libTorch = Directory.CreateDirectory(Path.Combine(source, "libtorch")).FullName;
        File.WriteAllText(Path.Combine(libTorch, "libtorch_cpu.so"), "stand-in for libtorch");
        File.WriteAllText(Path.Combine(libTorch, "libc10.so"), "stand-in for c10");
        var glue = Path.Combine(source, LibStdCxxCompatibility.NativeLibraryFileName);
        File.Copy(OutputGlueLibrary(), glue);
        var before = File.ReadAllBytes(glue);
        var root = Path.Combine(source, "cache");

        var folder = PrivateNativeFolder.Ensure(root, new NativeLayout(glue, libTorch), markRequirementOptional: true);
        var again = PrivateNativeFolder.Ensure(root, new NativeLayout(glue, libTorch), markRequirementOptional: true);

        Assert.Equal(folder, again);
        Assert.Equal(before, File.ReadAllBytes(glue));
        Assert.Equal(Path.Combine(libTorch, "libtorch_cpu.so"), new FileInfo(Path.Combine(folder, "libtorch_cpu.so")).LinkTarget);
        Assert.Equal("stand-in for c10", File.ReadAllText(Path.Combine(folder, "libc10.so")));
        var copy = ElfSymbolVersions.Parse(File.ReadAllBytes(Path.Combine(folder, LibStdCxxCompatibility.NativeLibraryFileName))).NeededVersions();
        Assert.True(copy.Single(n => n.Version == LibStdCxxCompatibility.RequiredVersion).IsWeak);
        Assert.Single(Directory.GetDirectories(root));
    }

    [Fact]
    public void Without_the_step_the_private_folder_links_the_glue_library_too_and_a_different_need_gets_its_own_folder()
    {
        var source = Repository.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(source, "libtorch_cpu.so"), "stand-in");
        var glue = Path.Combine(Directory.CreateDirectory(Path.Combine(source, "torchsharp")).FullName, LibStdCxxCompatibility.NativeLibraryFileName);
        File.Copy(OutputGlueLibrary(), glue);
        var root = Path.Combine(source, "cache");

        var linked = PrivateNativeFolder.Ensure(root, new NativeLayout(glue, source), markRequirementOptional: false);
        var patched = PrivateNativeFolder.Ensure(root, new NativeLayout(glue, source), markRequirementOptional: true);

        Assert.NotEqual(linked, patched);
        Assert.Equal(glue, new FileInfo(Path.Combine(linked, LibStdCxxCompatibility.NativeLibraryFileName)).LinkTarget);
        Assert.Null(new FileInfo(Path.Combine(patched, LibStdCxxCompatibility.NativeLibraryFileName)).LinkTarget);
    }

    [Fact]
    public void The_layout_of_a_notebook_kernel_finds_the_glue_library_and_libtorch_in_two_package_folders()
    {
        var packages = Repository.NewTemporaryFolder();
        var torchSharp = Directory.CreateDirectory(Path.Combine(packages, "torchsharp", "0.107.0", "lib", "net8.0")).FullName;
        var glueFolder = Directory.CreateDirectory(Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native")).FullName;
        File.WriteAllText(Path.Combine(glueFolder, LibStdCxxCompatibility.NativeLibraryFileName), "glue");
        foreach (var version in new[] { "2.9.1", "2.10.0" })
        {
            var native = Directory.CreateDirectory(Path.Combine(packages, "libtorch-cpu-linux-x64", version, "runtimes", "linux-x64", "native")).FullName;
            File.WriteAllText(Path.Combine(native, "libtorch_cpu.so"), version);
        }

        var layout = NativeLayout.Find(torchSharp, applicationFolders: []);

        Assert.NotNull(layout);
        Assert.Equal(Path.Combine(glueFolder, LibStdCxxCompatibility.NativeLibraryFileName), layout.GlueLibrary);
        Assert.Equal(Path.Combine(packages, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native"), layout.LibTorchFolder);
        Assert.False(layout.GlueBesideLibTorch);
    }

    private static string OutputGlueLibrary() =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibStdCxxCompatibility.NativeLibraryFileName);
}

using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using TorchSharp;

namespace BatchLearning.Tests.Runtime;

public sealed class TorchNativeLibrariesTests
{
    // Every copy of the glue library mapped into this process (a test may map a copy of its own, so there can be more than one).
    private static List<string> MappedGlueLibraries() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]) == LibStdCxxCompatibility.NativeLibraryFileName)
            .Select(fields => fields[5])
            .Distinct()
            .ToList();

    [Fact]
    public void The_glue_library_in_use_is_the_private_copy_exactly_when_this_system_needs_the_step_and_the_original_stays_strict()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var environment = TorchRuntime.Initialize();
        var load = TorchNativeLibraries.Load;

        Assert.Null(load.Failure);
        Assert.Equal(environment.Compatibility.Needed, load.LibStdCxxStepNeeded);
        // A copy TorchSharp probes and fails to load (it tries the build output's copy by path whenever it looks for its backend again, for
        // example when another test asks for CUDA) is mapped for a moment; a loaded copy stays. So the check reads the process's mappings a few
        // times: the private copy is in every snapshot, and some snapshot holds nothing but private copies.
        var snapshots = Enumerable.Range(0, 20).Select(_ =>
        {
            var mapped = MappedGlueLibraries();
            Thread.Sleep(50);
            return mapped;
        }).ToList();
        Assert.All(snapshots, mapped => Assert.NotEmpty(mapped));
        if (load.LibStdCxxStepNeeded)
        {
            Assert.All(snapshots, mapped => Assert.True(mapped.Contains(load.PrivateCopy!), $"mapped: {string.Join(", ", mapped)}; the private copy: {load.PrivateCopy}"));
            Assert.True(
                snapshots.Any(mapped => mapped.All(path => path.StartsWith(PrivateNativeFolder.Root(), StringComparison.Ordinal))),
                $"a copy outside {PrivateNativeFolder.Root()} stayed mapped: {string.Join(" | ", snapshots.Select(m => string.Join(", ", m)))}");
        }

        // The build output's copy, which the test host would load by itself, was read and never rewritten: its requirement is still strict.
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibStdCxxCompatibility.NativeLibraryFileName);
        var requirement = ElfSymbolVersions.Parse(File.ReadAllBytes(output)).NeededVersions().Single(n => n.Version == LibStdCxxCompatibility.RequiredVersion);
        Assert.False(requirement.IsWeak);
        using var product = torch.ones(4, 4).matmul(torch.ones(4, 4));
        Assert.Equal(4f, product[0, 0].item<float>());
    }

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

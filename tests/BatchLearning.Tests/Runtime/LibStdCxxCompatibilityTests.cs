using System.Buffers.Binary;
using System.Text;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using TorchSharp;

namespace BatchLearning.Tests.Runtime;

public sealed class LibStdCxxCompatibilityTests
{
    // The package's own copy of TorchSharp's native library, as NuGet delivered it (possibly already marked weak on this machine).
    private static string PackageCopy()
    {
        var candidates = LibStdCxxCompatibility.CandidateCopies(Path.GetDirectoryName(typeof(torch).Assembly.Location)!).Where(File.Exists).ToList();
        Assert.NotEmpty(candidates);
        return candidates[0];
    }

    // A temporary copy in which the GLIBCXX_3.4.32 requirement is strict again: the file as TorchSharp ships it.
    private static string StrictCopy()
    {
        var bytes = File.ReadAllBytes(PackageCopy());
        foreach (var needed in ElfSymbolVersions.Parse(bytes).NeededVersions().Where(n => n.Version == LibStdCxxCompatibility.RequiredVersion))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(needed.FlagsOffset), (ushort)(needed.Flags & ~ElfSymbolVersions.WeakFlag));
        }

        var path = Path.Combine(Repository.NewTemporaryFolder(), LibStdCxxCompatibility.NativeLibraryFileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void TorchSharps_native_library_needs_GLIBCXX_3_4_32_from_libstdcxx()
    {
        var needed = ElfSymbolVersions.Parse(File.ReadAllBytes(StrictCopy())).NeededVersions();

        var requirement = Assert.Single(needed, n => n.Version == LibStdCxxCompatibility.RequiredVersion);
        Assert.Equal("libstdc++.so.6", requirement.Library);
        Assert.False(requirement.IsWeak);
        Assert.Contains(needed, n => n.Version == "GLIBC_2.2.5" && n.Library == "libc.so.6");
    }

    [Fact]
    public void Marking_the_requirement_optional_changes_a_single_flag_byte_of_a_copy_and_nothing_of_the_original()
    {
        var path = StrictCopy();
        var before = File.ReadAllBytes(path);

        var after = LibStdCxxCompatibility.WithRequirementOptional(File.ReadAllBytes(path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Single(changed);
        var versions = ElfSymbolVersions.Parse(after).NeededVersions();
        Assert.True(versions.Single(n => n.Version == LibStdCxxCompatibility.RequiredVersion).IsWeak);
        Assert.All(versions.Where(n => n.Version != LibStdCxxCompatibility.RequiredVersion), n => Assert.False(n.IsWeak, n.Version));
    }

    [Fact]
    public void Marking_twice_changes_nothing_the_second_time()
    {
        var once = LibStdCxxCompatibility.WithRequirementOptional(File.ReadAllBytes(StrictCopy()));

        var twice = LibStdCxxCompatibility.WithRequirementOptional(once);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void The_system_libstdcxx_is_found_and_its_answer_agrees_with_its_bytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var library = LibStdCxxCompatibility.FindLoadedLibStdCxx();

        Assert.NotNull(library);
        var defined = ElfSymbolVersions.Parse(File.ReadAllBytes(library)).DefinedVersions();
        Assert.Contains("GLIBCXX_3.4", defined);
        // An independent check: the version's name appears in the file's string table exactly when it is defined.
        var containsName = Encoding.ASCII.GetString(File.ReadAllBytes(library)).Contains(LibStdCxxCompatibility.RequiredVersion + "\0", StringComparison.Ordinal);
        Assert.Equal(containsName, LibStdCxxCompatibility.DefinesRequiredVersion(library));
        // What this process found is what the runtime reported.
        Assert.Equal(!containsName, TorchRuntime.Initialize().Compatibility.Needed);
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.Parse(Encoding.ASCII.GetBytes("#!/bin/sh\necho this is a script, not a library\n")));
        Assert.Contains("Not an ELF file", error.Message);
    }

    [Fact]
    public void A_truncated_library_is_refused_with_a_clear_message()
    {
        var bytes = File.ReadAllBytes(StrictCopy())[..4096];

        var error = Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.Parse(bytes).NeededVersions());

        Assert.Contains("outside the file", error.Message);
    }

    [Fact]
    public void Candidate_copies_cover_the_build_output_the_notebook_copy_and_the_package_folder()
    {
        var folder = Path.Combine("/packages", "torchsharp", "0.107.0", "lib", "net8.0");

        var copies = LibStdCxxCompatibility.CandidateCopies(folder).ToList();

        Assert.Contains(Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), copies);
        Assert.Contains(Path.Combine(folder, "cpu", "libLibTorchSharp.so"), copies);
        Assert.Contains(Path.Combine("/packages", "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), copies);
    }
}

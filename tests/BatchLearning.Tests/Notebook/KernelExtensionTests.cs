using System.Text.RegularExpressions;
using BatchLearning.Notebook;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebook;

/// <summary>The kernel extension that a notebook's <c>#r "nuget: BatchLearning"</c> runs imports the course's namespaces for every later cell.</summary>
public sealed partial class KernelExtensionTests
{
    private static readonly string Extension = File.ReadAllText(Path.Combine(Repository.Layout.Root, "src", "BatchLearning", "Notebook", "extension.dib"));

    [Fact]
    public void The_extension_imports_every_namespace_of_the_library_so_notebooks_need_no_using_lines()
    {
        var imported = UsingLine().Matches(Extension).Select(m => m.Groups["name"].Value).ToHashSet();
        var library = typeof(Course).Assembly.GetExportedTypes().Select(t => t.Namespace!).Where(n => n.StartsWith("BatchLearning.", StringComparison.Ordinal)).ToHashSet();

        Assert.NotEmpty(library);
        Assert.Empty(library.Except(imported));
        Assert.Contains("TorchSharp", imported);
        Assert.Contains("using static TorchSharp.torch;", Extension, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^using (?<name>[A-Za-z.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}

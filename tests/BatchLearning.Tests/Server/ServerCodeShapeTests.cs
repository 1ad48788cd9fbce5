using BatchLearning.Tests.CodeShape;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Server;

public sealed class ServerCodeShapeTests
{
    [Fact]
    public void Every_method_of_the_server_is_at_most_40_lines_long_and_takes_at_most_6_parameters()
    {
        var server = Path.Combine(Repository.Layout.Root, "src", "BatchLearning.Server");
        var offenders = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => MethodSizeTests.Offenders(Path.GetRelativePath(server, file), File.ReadAllText(file)))
            .ToList();

        Assert.True(offenders.Count == 0, "Split these methods (at most 40 lines, 6 parameters):\n" + string.Join("\n", offenders));
    }
}

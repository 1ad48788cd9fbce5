using BatchLearning.Runner;
using BatchLearning.Cli;

namespace BatchLearning.Tests.Support;

internal static class Repository
{
    public static RepositoryLayout Layout { get; } = RepositoryLayout.Find(AppContext.BaseDirectory);

    public static string TestsFolder => Path.Combine(Layout.Root, "tests", "BatchLearning.Tests");

    public static string NewTemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "batchlearning-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}

using BatchLearning.Runner;
using BatchLearning.Tests.Notebooks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Site;

/// <summary>
/// The executed notebooks the website test builds from: the notebook tests' own runs (each notebook once, unanswered, shared through
/// <see cref="NotebookRuns"/>: no extra kernel time), written out as the course runner writes them, with a run.json for this machine.
/// BATCHLEARNING_SITE_FROM=DIR uses a folder of executed notebooks instead (for example artifacts/notebooks after a course run),
/// so the website checks can run without starting a kernel.
/// </summary>
internal static class ExecutedCourse
{
    /// <summary>The variable that points the website test at an existing folder of executed notebooks.</summary>
    public const string FromVariable = "BATCHLEARNING_SITE_FROM";

    private static readonly Lazy<Task<string>> Folder = new(WriteAsync);

    /// <summary>The folder of executed notebooks (written once per test session).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> WriteAsync()
    {
        var given = Environment.GetEnvironmentVariable(FromVariable);
        if (!string.IsNullOrEmpty(given))
        {
            return Path.GetFullPath(given, Repository.Layout.Root);
        }

        var folder = Repository.NewTemporaryFolder();
        var started = CourseRunRecord.Now();
        foreach (var path in CourseRunner.FindNotebooks(Repository.Layout.Notebooks))
        {
            var run = await NotebookRuns.RunAsync(Path.GetRelativePath(Repository.Layout.Notebooks, path));
            run.Document.SaveWithOutputs(Path.Combine(folder, run.Document.Name + ".ipynb"), run.Executions);
        }

        started.Save(folder);
        return folder;
    }
}

using System.Collections.Concurrent;
using BatchLearning.Cli.Notebooks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>Runs each course notebook once per test session in the real kernel, shared by the tests that read its outputs.</summary>
internal static class NotebookRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> Runs = new();

    public static Task<NotebookRun> RunAsync(string fileName) =>
        Runs.GetOrAdd(fileName, name => new Lazy<Task<NotebookRun>>(() =>
            new NotebookRunner(Repository.Layout.Root, TimeSpan.FromMinutes(5))
                .RunAsync(Path.Combine(Repository.Layout.Notebooks, name), progress: null, CancellationToken.None))).Value;
}

using System.Collections.Concurrent;
using BatchLearning.Cli.Notebooks;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>Runs each course notebook once per answer set and test session in the real kernel, shared by the tests that read its outputs.</summary>
internal static class NotebookRuns
{
    private static readonly ConcurrentDictionary<(string, AnswerSet), Lazy<Task<NotebookRun>>> Runs = new();

    // A hang guard, not a speed target: the 90-second budget per notebook is reported by `bench`, not asserted here.
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(10);

    public static Task<NotebookRun> RunAsync(string fileName, AnswerSet answers = AnswerSet.Unanswered) =>
        Runs.GetOrAdd((fileName, answers), key => new Lazy<Task<NotebookRun>>(() =>
        {
            var path = Path.Combine(Repository.Layout.Notebooks, fileName);
            var name = Path.GetFileNameWithoutExtension(fileName);
            var declaresSeed = NotebookParameters.Declared(NotebookDocument.Load(path)).Any(p => p.Name == "seed");
            var document = NotebookRunner.Prepare(path, CourseExercises.Parameters(name, answers, declaresSeed));
            return UnderLoad(name, answers)
                ? RunWithOneCoreBusyAsync(document)
                : new NotebookRunner(Repository.Layout.Root, CellTimeout).RunAsync(document, progress: null, CancellationToken.None);
        })).Value;

    /// <summary>
    /// The answered runs of the measuring notebooks (00 to 04) run with one core kept busy by another process, as on a learner's shared machine:
    /// their claims must hold then too.
    /// </summary>
    public static bool UnderLoad(string notebook, AnswerSet answers) =>
        answers != AnswerSet.Unanswered && string.CompareOrdinal(notebook, "05") < 0;

    private static async Task<NotebookRun> RunWithOneCoreBusyAsync(NotebookDocument document)
    {
        using var busy = Busy.OneCore();
        return await new NotebookRunner(Repository.Layout.Root, CellTimeout).RunAsync(document, progress: null, CancellationToken.None);
    }
}

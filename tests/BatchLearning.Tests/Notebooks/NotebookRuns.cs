using System.Collections.Concurrent;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>
/// Runs each course notebook once per answer set and test session in the real kernel, shared by the tests that read its outputs.
/// The first request queues every run, two kernels at a time, so that the notebook tests (which xunit runs one after another) find
/// most runs finished when they ask.
/// </summary>
internal static class NotebookRuns
{
    private static readonly ConcurrentDictionary<(string, AnswerSet), Lazy<Task<NotebookRun>>> Runs = new();
    private static readonly SemaphoreSlim Kernels = new(2, 2);
    private static readonly Lazy<bool> AllQueued = new(QueueAll);

    // Two kernels share the machine's cores, so each runs libtorch on one thread: two kernels each spinning two threads on two cores
    // (with other work around) slow each other far more than they gain.
    private static readonly Dictionary<string, string> OneThreadEach = new() { ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1" };

    // A hang guard, not a speed target: the 90-second budget per notebook is reported by `bench`, not asserted here.
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(10);

    public static Task<NotebookRun> RunAsync(string fileName, AnswerSet answers = AnswerSet.Unanswered)
    {
        _ = AllQueued.Value;
        return Get(fileName, answers);
    }

    private static Task<NotebookRun> Get(string fileName, AnswerSet answers) =>
        Runs.GetOrAdd((fileName, answers), key => new Lazy<Task<NotebookRun>>(() => RunLimitedAsync(fileName, answers))).Value;

    private static bool QueueAll()
    {
        var files = CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Select(path => Path.GetRelativePath(Repository.Layout.Notebooks, path)).ToList();
        foreach (var answers in Enum.GetValues<AnswerSet>())
        {
            foreach (var file in files.Where(f => answers == AnswerSet.Unanswered || CourseExercises.Names.ContainsKey(Path.GetFileNameWithoutExtension(f))))
            {
                _ = Get(file, answers);
            }
        }

        return true;
    }

    /// <summary>
    /// The answered runs of the measuring notebooks (00 to 04) run with one core kept busy by another process, as on a learner's shared machine:
    /// their claims must hold then too.
    /// </summary>
    public static bool UnderLoad(string notebook, AnswerSet answers) =>
        answers != AnswerSet.Unanswered && string.CompareOrdinal(notebook, "05") < 0;

    private static async Task<NotebookRun> RunLimitedAsync(string fileName, AnswerSet answers)
    {
        await Kernels.WaitAsync();
        try
        {
            var path = Path.Combine(Repository.Layout.Notebooks, fileName);
            var name = Path.GetFileNameWithoutExtension(fileName);
            var declaresSeed = NotebookParameters.Declared(NotebookDocument.Load(path)).Any(p => p.Name == "seed");
            var document = NotebookRunner.Prepare(path, CourseExercises.Parameters(name, answers, declaresSeed));
            using var busy = UnderLoad(name, answers) ? Busy.OneCore() : null;
            return await new NotebookRunner(Repository.Layout.Root, CellTimeout, OneThreadEach).RunAsync(document, progress: null, CancellationToken.None);
        }
        finally
        {
            Kernels.Release();
        }
    }
}

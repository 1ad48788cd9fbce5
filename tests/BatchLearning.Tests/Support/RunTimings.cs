using System.Diagnostics;
using System.Globalization;

namespace BatchLearning.Tests.Support;

/// <summary>
/// Where the full suite's time goes: each kernel run and lesson run appends one line (what ran, when it started, how long it took, in
/// seconds since the test process started) to artifacts/test-runs.tsv, so a developer can see which runs to share or drop (issue 29);
/// a last line, "test process ends", shows how long the suite went on after the last run.
/// </summary>
internal static class RunTimings
{
    private static readonly object Gate = new();
    private static readonly DateTime Start = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private static readonly string PathOfLog = Path.Combine(Repository.Layout.Root, "artifacts", "test-runs.tsv");
    private static bool started;

    // The end of the test process, once a run was recorded: how long the suite's other tests went on after the kernels and lessons.
    static RunTimings() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (started)
        {
            Append("test process ends", DateTime.UtcNow, DateTime.UtcNow);
        }
    };

    /// <summary>Times <paramref name="run"/> and records it as <paramref name="what"/>.</summary>
    public static async Task<T> RecordAsync<T>(string what, Func<Task<T>> run)
    {
        var began = DateTime.UtcNow;
        try
        {
            return await run();
        }
        finally
        {
            Append(what, began, DateTime.UtcNow);
        }
    }

    private static void Append(string what, DateTime began, DateTime ended)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{what}\t{(began - Start).TotalSeconds:F1}\t{(ended - began).TotalSeconds:F1}\n");
        lock (Gate)
        {
            if (!started)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(PathOfLog)!);
                File.WriteAllText(PathOfLog, "run\tstarted_s\tseconds\n");
                started = true;
            }

            File.AppendAllText(PathOfLog, line);
        }
    }
}

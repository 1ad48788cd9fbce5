using System.Globalization;

namespace BatchLearning.Tests.Support;

/// <summary>
/// Where the full suite's time goes: each kernel run and lesson run appends one line (what ran, when it started, how long it took, in
/// seconds since the first run) to artifacts/test-runs.tsv, so a developer can see which runs to share or drop (issue 29).
/// </summary>
internal static class RunTimings
{
    private static readonly object Gate = new();
    private static readonly DateTime Start = DateTime.UtcNow;
    private static readonly string PathOfLog = Path.Combine(Repository.Layout.Root, "artifacts", "test-runs.tsv");
    private static bool started;

    // An explicit static constructor: the clock starts when the first run is recorded, not when a field happens to be read.
    static RunTimings()
    {
    }

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

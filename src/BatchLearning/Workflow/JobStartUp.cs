using System.Diagnostics;
using BatchLearning.Email;

namespace BatchLearning.Workflow;

/// <summary>
/// What each run of a job pays before it classifies anything when its machine is started for that run: a new .NET process,
/// and loading the saved model (each the median of three timings). The boot of a cloud machine or a container pull comes on top and is not measured.
/// </summary>
/// <param name="ProcessStart">Starting a .NET process that exits at once (<c>dotnet --version</c>).</param>
/// <param name="ModelLoad">Loading the classifier from its saved files.</param>
public sealed record JobStartUp(TimeSpan ProcessStart, TimeSpan ModelLoad)
{
    /// <summary>Both together: the start-up of one run.</summary>
    public TimeSpan Total => ProcessStart + ModelLoad;

    /// <summary>Saves <paramref name="classifier"/> under <paramref name="workFolder"/> and times loading it and starting a .NET process.</summary>
    /// <param name="classifier">The classifier a run would load.</param>
    /// <param name="workFolder">Where the model is saved for the timing; created if missing.</param>
    public static JobStartUp Measure(EmailClassifier classifier, string workFolder)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        var modelFolder = Path.Combine(workFolder, "model");
        classifier.Save(modelFolder);
        var load = Median(() =>
        {
            using var loaded = EmailClassifier.Load(modelFolder);
        });
        var start = Median(() =>
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })
                                ?? throw new InvalidOperationException("Could not start 'dotnet --version'.");
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        });
        return new JobStartUp(start, load);
    }

    private static TimeSpan Median(Action action)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed);
        }

        return times.Order().ElementAt(1);
    }
}

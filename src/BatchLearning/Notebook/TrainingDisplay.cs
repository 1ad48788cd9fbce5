using System.Diagnostics;
using System.Globalization;
using BatchLearning.Training;

namespace BatchLearning.Notebook;

/// <summary>
/// Shows training progress in a notebook as one line that updates in place (at most a few times a second, and always at the end of an epoch
/// and of the run): run, epoch, updates done of the budget, last loss, and the latest test accuracy.
/// </summary>
public sealed class TrainingDisplay : IProgress<TrainingProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly LiveDisplay _display;
    private long _lastShown = Stopwatch.GetTimestamp();
    private int _lastEpochShown;

    private TrainingDisplay(LiveDisplay display) => _display = display;

    /// <summary>Starts a display under the current cell; pass it as the trainer's progress.</summary>
    public static TrainingDisplay Show() => new(LiveDisplay.Show("training: waiting for the first update"));

    /// <summary>The line shown for <paramref name="progress"/>.</summary>
    public static string Describe(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var accuracy = progress.LastEpoch is { TestAccuracy: var a } && double.IsFinite(a) ? string.Create(CultureInfo.InvariantCulture, $", test accuracy {a * 100:0.0}%") : "";
        var state = progress.IsComplete ? "done" : "training";
        return string.Create(CultureInfo.InvariantCulture,
            $"{progress.Run}: {state}, epoch {progress.Epoch}, update {progress.Update:N0} of {progress.TotalUpdates:N0} ({progress.Fraction * 100:0}%), loss {progress.Loss:0.0000}{accuracy}, {progress.ElapsedSeconds:0.0} s");
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var newEpoch = value.LastEpoch is { } epoch && epoch.Epoch != _lastEpochShown;
        if (!value.IsComplete && !newEpoch && Stopwatch.GetElapsedTime(_lastShown) < Interval)
        {
            return;
        }

        _lastEpochShown = value.LastEpoch?.Epoch ?? 0;
        _lastShown = Stopwatch.GetTimestamp();
        _display.Update(Describe(value));
    }
}

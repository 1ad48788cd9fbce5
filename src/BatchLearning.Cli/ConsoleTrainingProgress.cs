using BatchLearning.Training;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>Shows training progress as a console progress bar: one task per run, advanced after every update.</summary>
internal sealed class ConsoleTrainingProgress(ProgressContext context) : IProgress<TrainingProgress>
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];

    public void Report(TrainingProgress value)
    {
        if (!_tasks.TryGetValue(value.Run, out var task))
        {
            task = context.AddTask(Markup.Escape(value.Run), maxValue: value.TotalUpdates);
            _tasks[value.Run] = task;
        }

        task.MaxValue = value.TotalUpdates;
        task.Value = value.Update;
    }
}

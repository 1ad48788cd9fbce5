using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>Saves a checkpoint every <see cref="CheckpointOptions.EveryUpdates"/> updates and at the end of the budget.</summary>
internal sealed class CheckpointSaver(CheckpointOptions checkpoint, TrainingOptions options, int trainingSamples, nn.Module model, OptimizerHelper optimizer)
{
    /// <summary>Saves <paramref name="position"/> when a checkpoint is due (its update is a multiple of the interval, or the budget is spent).</summary>
    public void AfterStep(TrainingPosition position, int totalUpdates)
    {
        if (position.Update % checkpoint.EveryUpdates == 0 || position.Update >= totalUpdates)
        {
            TrainingCheckpoint.Save(checkpoint.Directory, options, trainingSamples, position, model, optimizer);
        }
    }
}

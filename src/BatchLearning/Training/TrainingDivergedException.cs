using System.Globalization;

namespace BatchLearning.Training;

/// <summary>
/// The loss became NaN or infinite, so the trainer stopped before applying that update. The message names the update and suggests a lower learning rate.
/// </summary>
public sealed class TrainingDivergedException : TrainingStoppedException
{
    /// <summary>The exception for a non-finite loss at <paramref name="update"/>.</summary>
    public TrainingDivergedException(int update, int epoch, double loss, double learningRate, TrainingRun run)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the loss became {(double.IsNaN(loss) ? "NaN" : "infinite")} at update {update} (epoch {epoch}, learning rate {learningRate:G4}); the update was not applied. " +
            $"Try a lower learning rate (for example {learningRate / 2:G4}), a warm-up, or check the inputs. The {run.Updates.Count} updates before it are kept in Run."), run)
    {
        Update = update;
        LearningRate = learningRate;
    }

    /// <summary>The update whose loss was not finite.</summary>
    public int Update { get; }

    /// <summary>The learning rate it would have used.</summary>
    public double LearningRate { get; }
}

using System.Globalization;

namespace BatchLearning.Training;

/// <summary>
/// The loss became NaN or infinite, or blew up past <see cref="TrainingOptions.DivergenceFactor"/> x the run's first loss, so the trainer stopped
/// before applying that update. The message names the update and the loss and suggests a lower learning rate; <see cref="TrainingStoppedException.Run"/> keeps the updates before it.
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
        Loss = loss;
    }

    /// <summary>The exception for a finite loss at <paramref name="update"/> above <paramref name="threshold"/> (the divergence factor x the first loss).</summary>
    public TrainingDivergedException(int update, int epoch, double loss, double learningRate, double threshold, TrainingRun run)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the loss reached {loss:G4} at update {update} (epoch {epoch}, learning rate {learningRate:G4}), above {threshold:G4} " +
            $"(TrainingOptions.DivergenceFactor x the run's first loss); the update was not applied. " +
            $"Try a lower learning rate (for example {learningRate / 2:G4}), a warm-up, or check the inputs. The {run.Updates.Count} updates before it are kept in Run."), run)
    {
        Update = update;
        LearningRate = learningRate;
        Loss = loss;
        Threshold = threshold;
    }

    /// <summary>The update whose loss was not finite or too large.</summary>
    public int Update { get; }

    /// <summary>The learning rate it would have used.</summary>
    public double LearningRate { get; }

    /// <summary>The loss that stopped training (NaN, infinite, or above <see cref="Threshold"/>).</summary>
    public double Loss { get; }

    /// <summary>The loss above which training counted as diverged, or NaN when the loss was not finite.</summary>
    public double Threshold { get; } = double.NaN;
}

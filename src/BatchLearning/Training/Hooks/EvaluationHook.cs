using BatchLearning.Data;
using BatchLearning.Models;

namespace BatchLearning.Training;

/// <summary>
/// Measures loss and accuracy on the training and test sets: at every end of an epoch (recorded as the epoch's record) and, when
/// <see cref="TrainingOptions.EvaluateEveryUpdates"/> is set, every that many updates inside an epoch.
/// </summary>
internal sealed class EvaluationHook(Objective objective, TensorDataSet train, TensorDataSet? test, TrainingOptions options) : ITrainingHook
{
    /// <inheritdoc/>
    public void AfterStep(TrainingPosition position, bool endsEpoch)
    {
        if (endsEpoch)
        {
            position.RecordEpoch(Measure(position));
        }
        else if (options.EvaluateEveryUpdates is { } every && position.Update % every == 0)
        {
            position.RecordEvaluation(Measure(position));
        }
    }

    private EvaluationRecord Measure(TrainingPosition position)
    {
        // The sets were checked against the model when the session was set up.
        var (trainLoss, trainAccuracy) = Trainer.Measure(objective, train, options.EvaluationBatchSize);
        var (testLoss, testAccuracy) = test is null ? (double.NaN, double.NaN) : Trainer.Measure(objective, test, options.EvaluationBatchSize);
        return new EvaluationRecord(position.Update, position.Epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, position.ElapsedSeconds);
    }
}

using BatchLearning.Findings;
using BatchLearning.Training;
using static System.FormattableString;

namespace BatchLearning.Email;

/// <summary>The first lesson's training in a sentence: how much mail, how many mini-batch steps and seconds, and the accuracy on mail the model never saw.</summary>
public static class ClassifierTrainingReport
{
    /// <summary>The training and its held-out accuracy.</summary>
    /// <param name="trainingEmails">Emails trained on, at least 1.</param>
    /// <param name="run">The training run.</param>
    /// <param name="testEmails">Emails evaluated, at least 1.</param>
    /// <param name="confusion">The evaluation on them.</param>
    public static Finding Describe(int trainingEmails, TrainingRun run, int testEmails, ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(confusion);
        Guard.InRange(trainingEmails, 1, int.MaxValue);
        Guard.InRange(testEmails, 1, int.MaxValue);
        var text = Invariant($"Trained on {trainingEmails:N0} emails in {run.Updates.Count:N0} mini-batch steps ({run.TrainingSeconds:0.0} s). ") +
            Invariant($"On {testEmails:N0} emails it never saw, {confusion.Accuracy:P1} got the right category.");
        return Finding.Of("the classifier trained", text, ("trainingEmails", trainingEmails), ("updates", run.Updates.Count), ("seconds", run.TrainingSeconds),
            ("testEmails", testEmails), ("accuracy", confusion.Accuracy));
    }
}

using BatchLearning.Email;

namespace BatchLearning.Worker;

/// <summary>What the worker classifies with: one prediction per email, in order. The service is <see cref="SavedEmailClassifier"/>; tests put in a fake.</summary>
public interface IEmailBatchClassifier
{
    /// <summary>Predicts the category of each email of one batch, with the classifier's confidence.</summary>
    IReadOnlyList<EmailPrediction> Predict(IReadOnlyList<EmailMessage> emails);
}

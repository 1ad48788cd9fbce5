namespace BatchLearning.Email;

/// <summary>The classifier's answer for one email: the category it picked and how sure it was.</summary>
/// <param name="Category">The most probable category (the same as <see cref="EmailClassifier.Classify"/> gives).</param>
/// <param name="Confidence">
/// The probability of that category (the largest softmax probability), from 0.2 (all five categories equally likely) to 1.
/// Its mean over a day of mail is a drift signal that needs no labels: it falls when mail arrives that the classifier has not seen the like of.
/// </param>
/// <param name="Probabilities">The probability of each category, indexed by <see cref="EmailCategory"/>; they add up to 1.</param>
public sealed record EmailPrediction(EmailCategory Category, double Confidence, IReadOnlyList<double> Probabilities);

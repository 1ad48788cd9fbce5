using BatchLearning.Email;
using BatchLearning.Tests.Support;
using BatchLearning.Training;

namespace BatchLearning.Tests.Worker;

[Collection(TorchRandomCollection.Name)]
public sealed class DriftTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_drift_the_generator_gives_the_same_mail_as_before()
    {
        Assert.Equal(EmailGenerator.Day(300, Day, 5), EmailGenerator.Day(300, Day, 5, drift: null));
    }

    [Fact]
    public void With_drift_the_new_spam_grows_through_the_day_and_is_labelled_spam()
    {
        var emails = EmailGenerator.Day(4000, Day, 5, drift: new EmailDrift(Midnight, SharePerDay: 0.8));
        static bool IsNew(EmailMessage e) => e.Sender.Contains("coinvault", StringComparison.Ordinal) || e.Sender.Contains("tokenmint", StringComparison.Ordinal)
            || e.Sender.Contains("stakepool", StringComparison.Ordinal) || e.Sender.Contains("chainbridge", StringComparison.Ordinal);
        double Share(int fromHour, int toHour)
        {
            var part = emails.Where(e => e.ReceivedAt.Hour >= fromHour && e.ReceivedAt.Hour < toHour).ToList();
            return part.Count(IsNew) / (double)part.Count;
        }

        // Expected share: 0.8 x the fraction of the day gone; senders of other styles replace a fifth of them.
        Assert.InRange(Share(0, 6), 0.0, 0.15);
        Assert.InRange(Share(18, 24), 0.45, 0.75);
        Assert.All(emails.Where(IsNew), e => Assert.Equal(EmailCategory.Spam, e.Category));
    }

    [Fact]
    [Trait("Category", "Torch")]
    public void Predict_agrees_with_Classify_and_the_confidence_falls_on_the_new_spam()
    {
        var train = EmailGenerator.SeveralDays(1500, new DateOnly(2026, 1, 5), days: 2, seed: 1);
        var (classifier, _) = EmailClassifier.Train(train, new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.002)));
        using (classifier)
        {
            var usual = EmailGenerator.Day(400, Day, 9);
            var drifted = EmailGenerator.Day(400, Day, 9, drift: new EmailDrift(Midnight.AddDays(-10), 1, MaxShare: 1));
            var predictions = classifier.Predict(usual, batchSize: 64);

            Assert.Equal(classifier.Classify(usual, 64), predictions.Select(p => p.Category));
            Assert.All(predictions, p =>
            {
                Assert.Equal(1, p.Probabilities.Sum(), 5);
                Assert.Equal(p.Probabilities.Max(), p.Confidence);
            });
            var usualConfidence = predictions.Average(p => p.Confidence);
            var driftedPredictions = classifier.Predict(drifted, batchSize: 64);
            var driftedConfidence = driftedPredictions.Average(p => p.Confidence);
            var driftedAgreement = driftedPredictions.Zip(drifted).Average(x => x.First.Category == x.Second.Category ? 1.0 : 0.0);
            var usualAgreement = predictions.Zip(usual).Average(x => x.First.Category == x.Second.Category ? 1.0 : 0.0);
            Assert.True(driftedConfidence < usualConfidence - 0.1, $"confidence {usualConfidence:F3} on usual mail, {driftedConfidence:F3} on the new spam");
            Assert.True(driftedAgreement < usualAgreement, $"agreement {usualAgreement:P0} on usual mail, {driftedAgreement:P0} on the new spam");
        }
    }
}

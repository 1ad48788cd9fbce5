using BatchLearning.Email;
using BatchLearning.Tests.Support;
using BatchLearning.Training;

namespace BatchLearning.Tests.Email;

[Collection(TorchRandomCollection.Name)]
public sealed class EmailTests
{
    [Fact]
    public void A_generated_day_repeats_under_its_seed_follows_office_hours_and_mixes_all_categories()
    {
        var day = EmailGenerator.Day(5000, new DateOnly(2026, 3, 2), seed: 1);
        var again = EmailGenerator.Day(5000, new DateOnly(2026, 3, 2), seed: 1);

        Assert.Equal(day.Select(e => (e.Id, e.Subject, e.ReceivedAt)), again.Select(e => (e.Id, e.Subject, e.ReceivedAt)));
        Assert.Equal(day.OrderBy(e => e.ReceivedAt).Select(e => e.Id), day.Select(e => e.Id));
        Assert.All(day, e => Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(e.ReceivedAt.UtcDateTime)));
        var tenToEleven = day.Count(e => e.ReceivedAt.Hour == 10);
        var threeToFour = day.Count(e => e.ReceivedAt.Hour == 3);
        Assert.True(tenToEleven > 4 * threeToFour, $"{tenToEleven} emails at 10:00 against {threeToFour} at 03:00");
        foreach (var (category, share) in EmailGenerator.CategoryShares)
        {
            Assert.InRange(day.Count(e => e.Category == category) / 5000.0, share - 0.03, share + 0.03);
        }
    }

    [Fact]
    public void The_featurizer_gives_one_fixed_size_row_per_email_and_equal_text_equal_rows()
    {
        var emails = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 2);
        var featurizer = new TextFeaturizer(Dimensions: 512);

        using var features = featurizer.Featurize([emails[0], emails[1], emails[0] with { Id = "copy" }]);

        Assert.Equal(new long[] { 3, 512 }, features.shape);
        Assert.True(features[0].eq(features[2]).all().item<bool>());
        Assert.False(features[0].eq(features[1]).all().item<bool>());
        Assert.True(features.sum().item<float>() > 0);
        Assert.Throws<ArgumentException>(() => featurizer.Featurize([]));
    }

    [Fact]
    public void The_classifier_learns_generated_mail_classifies_in_order_and_survives_save_and_load()
    {
        var train = EmailGenerator.SeveralDays(3000, new DateOnly(2026, 1, 5), days: 3, seed: 3);
        var test = EmailGenerator.Day(600, new DateOnly(2026, 2, 2), seed: 4);
        var directory = Repository.NewTemporaryFolder();

        var (classifier, run) = EmailClassifier.Train(train, new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.002)), test);
        var matrix = classifier.Evaluate(test);
        classifier.Save(directory);
        using var loaded = EmailClassifier.Load(directory);

        Assert.True(matrix.Accuracy > 0.9, $"accuracy {matrix.Accuracy}");
        Assert.Equal(600, matrix.Total);
        Assert.Equal(run.Final!.TestAccuracy, matrix.Accuracy, 6);
        Assert.Equal(classifier.Classify(test), loaded.Classify(test));
        Assert.Equal(classifier.Classify(test.Take(7).ToList()), classifier.Classify(test).Take(7));
        Assert.Throws<FileNotFoundException>(() => EmailClassifier.Load(Path.Combine(directory, "missing")));
        Assert.Throws<ArgumentException>(() => EmailClassifier.Train([test[0] with { Category = null }, test[1]], new TrainingOptions(1, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(0.1))));
        classifier.Dispose();
    }

    [Fact]
    public void A_confusion_matrix_counts_pairs_and_gives_recall_and_precision()
    {
        var actual = new[] { EmailCategory.Spam, EmailCategory.Spam, EmailCategory.Work, EmailCategory.Work };
        var predicted = new[] { EmailCategory.Spam, EmailCategory.Promotions, EmailCategory.Work, EmailCategory.Work };

        var matrix = ConfusionMatrix.From(actual, predicted);

        Assert.Equal(0.75, matrix.Accuracy);
        Assert.Equal(0.5, matrix.Recall(EmailCategory.Spam));
        Assert.Equal(1.0, matrix.Precision(EmailCategory.Spam));
        Assert.Equal(0.0, matrix.Precision(EmailCategory.Promotions));
        Assert.Equal(1, matrix.Counts[(int)EmailCategory.Spam, (int)EmailCategory.Promotions]);
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From(actual, predicted.Take(3).ToList()));
    }
}

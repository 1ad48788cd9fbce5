using BatchLearning.Email;
using BatchLearning.Tests.Support;
using BatchLearning.Training;

namespace BatchLearning.Tests.Email;

[Collection(TorchRandomCollection.Name)]
public sealed class EmailBadInputTests
{
    // A list that claims a huge count without holding the emails: the featurizer must refuse it before allocating.
    private sealed class HugeList(int count, EmailMessage email) : IReadOnlyList<EmailMessage>
    {
        public EmailMessage this[int index] => email;

        public int Count => count;

        public IEnumerator<EmailMessage> GetEnumerator() => Enumerable.Repeat(email, count).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Featurizing_more_emails_than_one_array_holds_is_refused_with_the_range_instead_of_overflowing()
    {
        var email = EmailGenerator.Day(1, new DateOnly(2026, 3, 2), seed: 1)[0];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TextFeaturizer().Featurize(new HugeList(530_000, email)));

        Assert.Equal("emails", error.ParamName);
        Assert.Equal(530_000, error.ActualValue);
        Assert.Contains("from 1 to 524,287 emails", error.Message);
    }

    [Fact]
    public void Classify_gives_the_same_categories_in_small_batches_as_in_one()
    {
        var emails = EmailGenerator.Day(300, new DateOnly(2026, 3, 2), seed: 3);
        var (classifier, _) = EmailClassifier.Train(emails, new TrainingOptions(32, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.002)), featurizer: new TextFeaturizer(256), hidden: 16);
        using (classifier)
        {
            Assert.Equal(classifier.Classify(emails, batchSize: 300), classifier.Classify(emails, batchSize: 7));
            Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Classify(emails, batchSize: 0));
        }
    }

    [Theory]
    [InlineData("{not json", "model.bin-ok", "is not the classifier's settings")]
    [InlineData("{\"Dimensions\": 0, \"Hidden\": 8}", "model.bin-ok", "Dimensions must be from 16 to 1,048,576 (got 0)")]
    [InlineData("{\"Hidden\": 8}", "model.bin-ok", "is not the classifier's settings")]
    [InlineData("{\"Dimensions\": 64, \"Hidden\": 8}", "garbage", "model.bin' is not the weights of an email classifier with 64 inputs and 8 hidden units")]
    [InlineData("{\"Dimensions\": 32, \"Hidden\": 8}", "model.bin-ok", "model.bin' is not the weights of an email classifier with 32 inputs and 8 hidden units")]
    public void A_damaged_saved_classifier_is_refused_naming_the_file_and_what_is_wrong(string settings, string model, string expected)
    {
        var folder = Repository.NewTemporaryFolder();
        var emails = EmailGenerator.Day(20, new DateOnly(2026, 3, 2), seed: 3);
        var (classifier, _) = EmailClassifier.Train(emails, new TrainingOptions(10, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.002)), featurizer: new TextFeaturizer(64), hidden: 8);
        using (classifier)
        {
            classifier.Save(folder);
        }

        File.WriteAllText(Path.Combine(folder, "classifier.json"), settings);
        if (model == "garbage")
        {
            File.WriteAllText(Path.Combine(folder, "model.bin"), "these are not weights");
        }

        var error = Assert.Throws<InvalidDataException>(() => EmailClassifier.Load(folder));

        Assert.Contains(expected, error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void A_confusion_matrix_with_a_number_that_is_no_category_is_refused_naming_its_position()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([EmailCategory.Work, (EmailCategory)9], [EmailCategory.Work, EmailCategory.Work]));

        Assert.Equal("actual[1]", error.ParamName);
        Assert.Contains("actual[1] is 9; valid range: one of", error.Message);
    }

    [Fact]
    public void An_email_with_a_null_sender_is_refused_naming_its_position_and_field()
    {
        var emails = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 1).ToList();
        emails[2] = emails[2] with { Sender = null! };

        var error = Assert.Throws<ArgumentException>(() => new TextFeaturizer().Featurize(emails));

        Assert.StartsWith("emails[2].Sender is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_line_that_names_the_id_twice_is_refused_not_read_with_the_last_value()
    {
        const string line = """{"id":"a","id":"b","sender":"x@y","subject":"s","body":"b","receivedAt":"2026-03-02T10:00:00Z"}""";

        Assert.False(EmailJson.TryParse(line, out var email, out var problem));
        Assert.Null(email);
        Assert.Contains("not a valid email JSON object", problem);
        Assert.Contains("id", problem);
    }
}

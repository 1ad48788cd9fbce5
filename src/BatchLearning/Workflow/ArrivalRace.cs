using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Inference;
using static TorchSharp.torch;

namespace BatchLearning.Workflow;

/// <summary>
/// The first lesson's race: the same emails classified one at a time (each the moment it arrives) and in batches (one forward pass per batch).
/// Turning text into features costs the same per email either way, so it is timed on its own; the model's part is timed both ways, in alternating
/// rounds, so that a busy moment on a shared machine slows both ways alike.
/// </summary>
public static class ArrivalRace
{
    /// <summary>Times <paramref name="emails"/> one at a time and in batches of <paramref name="batchSize"/>, the median of <paramref name="rounds"/> rounds each.</summary>
    /// <param name="classifier">A trained classifier.</param>
    /// <param name="emails">The emails to classify, at least one.</param>
    /// <param name="batchSize">Emails per batched forward pass, from 2 to 100,000; defaults to 256.</param>
    /// <param name="rounds">Timed rounds of each way, from 1 to 99; defaults to 3.</param>
    /// <exception cref="ArgumentOutOfRangeException">No emails, or a batch size or round count out of range.</exception>
    public static ArrivalRaceResult Run(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, int batchSize = 256, int rounds = 3)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(emails);
        Validate(emails.Count, batchSize, rounds);
        using var scope = NewDisposeScope();
        var featurize = Stopwatch.StartNew();
        var features = classifier.Featurizer.Featurize(emails);
        featurize.Stop();
        OneAtATime(classifier.Model, features.narrow(0, 0, 1)); // warm-up: the first calls pay one-off costs
        InBatches(classifier.Model, features.narrow(0, 0, Math.Min(batchSize, emails.Count)), batchSize);
        var single = new List<TimeSpan>();
        var batched = new List<TimeSpan>();
        long[] singleCategories = [], batchedCategories = [];
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            singleCategories = OneAtATime(classifier.Model, features);
            single.Add(watch.Elapsed);
            watch.Restart();
            batchedCategories = InBatches(classifier.Model, features, batchSize);
            batched.Add(watch.Elapsed);
        }

        return new ArrivalRaceResult(emails.Count, batchSize, featurize.Elapsed, Median(single), Median(batched), singleCategories.SequenceEqual(batchedCategories));
    }

    private static void Validate(int emails, int batchSize, int rounds)
    {
        if (emails == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(emails), 0, "At least one email is needed to time classification.");
        }

        if (batchSize is < 2 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be from 2 to 100,000 (1 is the one-at-a-time side of the race).");
        }

        if (rounds is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "Rounds must be from 1 to 99.");
        }
    }

    // One forward pass per email, its category read back before the next one starts: what classifying on arrival does.
    private static long[] OneAtATime(nn.Module<Tensor, Tensor> model, Tensor features)
    {
        var categories = new long[features.shape[0]];
        for (var i = 0; i < categories.Length; i++)
        {
            using var scope = NewDisposeScope();
            categories[i] = BatchPredictor.Predict(model, features.narrow(0, i, 1), 1).argmax(1).item<long>();
        }

        return categories;
    }

    private static long[] InBatches(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize)
    {
        using var scope = NewDisposeScope();
        return BatchPredictor.Predict(model, features, batchSize).argmax(1).cpu().data<long>().ToArray();
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}

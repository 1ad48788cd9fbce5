using BatchLearning.Email;
using BatchLearning.Inference;
using BatchLearning.Timing;
using static TorchSharp.torch;

namespace BatchLearning.Workflow;

/// <summary>
/// The first lesson's race: the same emails classified one at a time (each the moment it arrives) and in batches (one forward pass per batch),
/// timed with <see cref="HeadToHead"/> (interleaved rounds) in three parts: turning text into features, the model alone, and the two end to end,
/// all on one libtorch thread; and the model alone once more on libtorch's usual thread count, to show what threads do to the comparison.
/// <see cref="ArrivalRaceFindings"/> states each part as a finding.
/// </summary>
public static class ArrivalRace
{
    /// <summary>The name of the one-at-a-time way (also an answer to the lesson's prediction).</summary>
    public const string OneAtATime = "one at a time";

    /// <summary>The name of the batched way (also an answer to the lesson's prediction).</summary>
    public const string Batches = "batches";

    /// <summary>Times <paramref name="emails"/> one at a time and in batches of <paramref name="batchSize"/>, each part in <paramref name="rounds"/> interleaved rounds.</summary>
    /// <param name="classifier">A trained classifier.</param>
    /// <param name="emails">The emails every round classifies, at least one.</param>
    /// <param name="batchSize">Emails per batched forward pass, from 2 to 100,000; defaults to 256.</param>
    /// <param name="rounds">Timed rounds of each part, from 1 to 99; defaults to 15 (a verdict needs at least 6).</param>
    /// <exception cref="ArgumentOutOfRangeException">No emails, or a batch size or round count out of range.</exception>
    public static ArrivalRaceResult Run(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, int batchSize = 256, int rounds = 15)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(emails);
        Validate(emails.Count, batchSize, rounds);
        using var scope = NewDisposeScope();
        var featurizer = classifier.Featurizer;
        var model = classifier.Model;
        var singles = emails.Select(e => (IReadOnlyList<EmailMessage>)[e]).ToList();
        var chunks = emails.Chunk(batchSize).Select(c => (IReadOnlyList<EmailMessage>)c).ToList();
        var features = featurizer.Featurize(emails);
        var n = emails.Count;
        var options = new HeadToHeadOptions { Rounds = rounds };
        var featurize = HeadToHead.Run(
            new(OneAtATime, n, () => singles.ForEach(e => featurizer.Featurize(e).Dispose())),
            new(Batches, n, () => chunks.ForEach(c => featurizer.Featurize(c).Dispose())), options);
        var modelWays = (new ComparedWay(OneAtATime, n, () => ModelOneAtATime(model, features)), new ComparedWay(Batches, n, () => ModelInBatches(model, features, batchSize)));
        var modelAlone = HeadToHead.Run(modelWays.Item1, modelWays.Item2, options);
        var endToEnd = HeadToHead.Run(
            new(OneAtATime, n, () => singles.ForEach(e => Category(model, featurizer.Featurize(e)))),
            new(Batches, n, () => classifier.Classify(emails, batchSize)), options);
        var usualThreads = HeadToHead.Run(modelWays.Item1, modelWays.Item2, options with { TorchThreads = null });
        var same = ModelOneAtATime(model, features).SequenceEqual(ModelInBatches(model, features, batchSize))
            && ModelInBatches(model, features, batchSize).Select(c => (EmailCategory)c).SequenceEqual(classifier.Classify(emails, batchSize));
        return new ArrivalRaceResult(n, batchSize, featurize, modelAlone, endToEnd, usualThreads, same);
    }

    /// <summary>The model alone, one email per call against batches of <paramref name="batchSize"/>, on one libtorch thread.</summary>
    /// <param name="classifier">A trained classifier.</param>
    /// <param name="emails">The emails every round classifies, at least one.</param>
    /// <param name="batchSize">Emails per batched forward pass, from 2 to 100,000.</param>
    /// <param name="rounds">Timed rounds, from 1 to 99; defaults to 15.</param>
    public static HeadToHeadResult ModelAlone(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, int batchSize, int rounds = 15)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(emails);
        Validate(emails.Count, batchSize, rounds);
        using var scope = NewDisposeScope();
        var features = classifier.Featurizer.Featurize(emails);
        return HeadToHead.Run(new(OneAtATime, emails.Count, () => ModelOneAtATime(classifier.Model, features)),
            new(Batches, emails.Count, () => ModelInBatches(classifier.Model, features, batchSize)), new HeadToHeadOptions { Rounds = rounds });
    }

    /// <summary>The model alone in batches of <paramref name="smaller"/> against batches of <paramref name="larger"/>, on one libtorch thread.</summary>
    /// <param name="classifier">A trained classifier.</param>
    /// <param name="emails">The emails every round classifies, at least one.</param>
    /// <param name="smaller">The first batch size, from 2 to 100,000.</param>
    /// <param name="larger">The second batch size, from 2 to 100,000.</param>
    /// <param name="rounds">Timed rounds, from 1 to 99; defaults to 15.</param>
    public static HeadToHeadResult CompareBatchSizes(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, int smaller, int larger, int rounds = 15)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(emails);
        Validate(emails.Count, smaller, rounds);
        Validate(emails.Count, larger, rounds);
        using var scope = NewDisposeScope();
        var features = classifier.Featurizer.Featurize(emails);
        return HeadToHead.Run(new($"batches of {smaller}", emails.Count, () => ModelInBatches(classifier.Model, features, smaller)),
            new($"batches of {larger}", emails.Count, () => ModelInBatches(classifier.Model, features, larger)), new HeadToHeadOptions { Rounds = rounds });
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
    private static long[] ModelOneAtATime(nn.Module<Tensor, Tensor> model, Tensor features)
    {
        var categories = new long[features.shape[0]];
        for (var i = 0; i < categories.Length; i++)
        {
            categories[i] = Category(model, features.narrow(0, i, 1));
        }

        return categories;
    }

    private static long Category(nn.Module<Tensor, Tensor> model, Tensor one)
    {
        using var scope = NewDisposeScope();
        return BatchPredictor.Predict(model, one, 1).argmax(1).item<long>();
    }

    private static long[] ModelInBatches(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize)
    {
        using var scope = NewDisposeScope();
        return BatchPredictor.Predict(model, features, batchSize).argmax(1).cpu().data<long>().ToArray();
    }
}

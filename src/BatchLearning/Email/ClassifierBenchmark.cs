using System.Diagnostics;
using BatchLearning.Inference;
using BatchLearning.Models;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Email;

/// <summary>
/// Times inference of a small multilayer perceptron (inputs -> hidden -> classes, ReLU), the shape of a text classifier over
/// hashed word counts, at several batch sizes on the current device (through <see cref="BatchPredictor.Profile"/>).
/// </summary>
public static class ClassifierBenchmark
{
    /// <summary>Items per second at each batch size: one warm-up call, then the median of <paramref name="calls"/> timed calls.</summary>
    /// <param name="batchSizes">Batch sizes to time, each from 1 to 65,536.</param>
    /// <param name="inputs">Input features, from 1 to 1,000,000; defaults to 4,096.</param>
    /// <param name="hidden">Hidden units, from 1 to 100,000; defaults to 128.</param>
    /// <param name="classes">Output classes, from 2 to 10,000; defaults to 5.</param>
    /// <param name="calls">Timed calls per batch size, from 1 to 100; defaults to 20.</param>
    public static IReadOnlyList<ClassifierThroughput> Measure(IEnumerable<int> batchSizes, int inputs = 4096, int hidden = 128, int classes = 5, int calls = 20)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputs, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hidden, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calls, 100);
        var sizes = batchSizes.ToList();
        if (sizes.Count == 0 || sizes.Any(b => b is < 1 or > 65_536))
        {
            throw new ArgumentOutOfRangeException(nameof(batchSizes), "Give at least one batch size, each from 1 to 65,536.");
        }

        var device = TorchRuntime.Device;
        using var model = new Mlp(inputs, hidden, classes).Create(device);
        return sizes.Select(batchSize =>
        {
            // A data set of exactly one batch: each timed pass is one call.
            using var batch = rand(batchSize, inputs, device: device);
            var profile = BatchPredictor.Profile(model, batch, [batchSize], repetitions: calls).Single();
            return new ClassifierThroughput(batchSize, profile.ItemsPerSecond, profile.BatchMilliseconds);
        }).ToList();
    }

    /// <summary>
    /// Emails per second of the whole path a request takes, text to features to network to label (<see cref="EmailClassifier.Classify"/>), at each batch size:
    /// one warm-up call, then timed calls until at least <paramref name="minimumSecondsPerPoint"/> of work and <paramref name="minimumCalls"/> calls; the median call counts.
    /// </summary>
    /// <param name="classifier">A trained (or loaded) classifier.</param>
    /// <param name="emails">Emails to classify (reused in turn to fill a batch), at least 1.</param>
    /// <param name="batchSizes">Batch sizes to time, each from 1 to 65,536.</param>
    /// <param name="minimumSecondsPerPoint">Work timed per batch size, from 0.01 to 60 seconds; defaults to 0.2 s.</param>
    /// <param name="minimumCalls">Timed calls per batch size at least, from 3 to 10,000; defaults to 5.</param>
    public static IReadOnlyList<ClassifierThroughput> MeasureEndToEnd(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, IEnumerable<int> batchSizes,
        double minimumSecondsPerPoint = 0.2, int minimumCalls = 5)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (emails.Count == 0)
        {
            throw new ArgumentException("emails needs at least 1 email to classify; got 0.", nameof(emails));
        }

        if (!double.IsFinite(minimumSecondsPerPoint) || minimumSecondsPerPoint is < 0.01 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumSecondsPerPoint), minimumSecondsPerPoint, $"minimumSecondsPerPoint must be from 0.01 to 60 seconds; got {minimumSecondsPerPoint}.");
        }

        if (minimumCalls is < 3 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumCalls), minimumCalls, $"minimumCalls must be from 3 to 10,000; got {minimumCalls}.");
        }

        var sizes = batchSizes.ToList();
        if (sizes.Count == 0 || sizes.Any(b => b is < 1 or > 65_536))
        {
            throw new ArgumentOutOfRangeException(nameof(batchSizes), string.Join(", ", sizes), "Give at least one batch size, each from 1 to 65,536.");
        }

        return sizes.Select(batchSize => TimeEndToEnd(classifier, emails, batchSize, minimumSecondsPerPoint, minimumCalls)).ToList();
    }

    // One warm-up call, then timed calls of one batch until both minimums are met (at most 10,000 calls); the median call counts.
    private static ClassifierThroughput TimeEndToEnd(EmailClassifier classifier, IReadOnlyList<EmailMessage> emails, int batchSize, double minimumSeconds, int minimumCalls)
    {
        var batch = Enumerable.Range(0, batchSize).Select(i => emails[i % emails.Count]).ToList();
        classifier.Classify(batch, batchSize); // warm-up
        var calls = new List<double>();
        var total = Stopwatch.StartNew();
        while (calls.Count < minimumCalls || (total.Elapsed.TotalSeconds < minimumSeconds && calls.Count < 10_000))
        {
            var watch = Stopwatch.StartNew();
            classifier.Classify(batch, batchSize);
            calls.Add(watch.Elapsed.TotalSeconds);
        }

        calls.Sort();
        var median = calls.Count % 2 == 1 ? calls[calls.Count / 2] : (calls[calls.Count / 2 - 1] + calls[calls.Count / 2]) / 2;
        return new ClassifierThroughput(batchSize, batchSize / median, median * 1000) { Calls = calls.Count };
    }
}

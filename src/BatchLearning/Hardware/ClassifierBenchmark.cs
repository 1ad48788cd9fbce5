using BatchLearning.Inference;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Hardware;

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
        using var model = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, classes)).to(device);
        return sizes.Select(batchSize =>
        {
            // A data set of exactly one batch: each timed pass is one call.
            using var batch = rand(batchSize, inputs, device: device);
            var profile = BatchPredictor.Profile(model, batch, [batchSize], repetitions: calls).Single();
            return new ClassifierThroughput(batchSize, profile.ItemsPerSecond, profile.BatchMilliseconds);
        }).ToList();
    }
}

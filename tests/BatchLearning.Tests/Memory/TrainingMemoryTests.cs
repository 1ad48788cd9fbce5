using BatchLearning.Data;
using BatchLearning.Memory;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Memory;

// Process memory is shared by every test in the process: measure alone.
[Collection(TimingCollection.Name)]
public sealed class TrainingMemoryTests
{
    private static nn.Module<Tensor, Tensor> Wide() => nn.Sequential(nn.Linear(64, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10));

    [Fact]
    public void Peak_memory_grows_with_the_batch_and_fits_a_line_whose_slope_is_of_the_activation_size()
    {
        using var data = SyntheticData.Blobs(4096, classes: 10, features: 64, seed: 1);

        var measurements = TrainingMemory.Measure(Wide, nn.CrossEntropyLoss(), data, [256, 1024, 2048, 4096]);
        var fit = MemoryFit.Fit(measurements);

        Assert.True(measurements[^1].PeakBytes > measurements[0].PeakBytes * 2, string.Join(", ", measurements));
        Assert.True(fit.RSquared > 0.9, fit.ToString());
        // Per sample at least the stored activations (2 x 1024 floats after each hidden layer, plus the logits) and at most a few times that.
        Assert.InRange(fit.BytesPerSample, 4 * 1024 * 2.0, 4 * 1024 * 12.0);
    }

    [Fact]
    public void The_finder_keeps_the_batch_within_a_memory_budget()
    {
        using var data = SyntheticData.Blobs(4096, classes: 10, features: 64, seed: 1);
        var budget = 60L * 1024 * 1024;

        var search = BatchSizeFinder.ForMemoryBudget(Wide, nn.CrossEntropyLoss(), data, budget);

        Assert.InRange(search.LargestBatchSize, 2, 4095);
        Assert.Contains(search.Trials, t => !t.Fits);
        var peak = TrainingMemory.Measure(Wide, nn.CrossEntropyLoss(), data, [search.LargestBatchSize])[0].PeakBytes;
        Assert.True(peak <= budget * 1.1, $"batch {search.LargestBatchSize} peaked at {peak} bytes against a budget of {budget}");
    }
}

using BatchLearning.BatchSizing;
using BatchLearning.Data;
using BatchLearning.Tests.Support;
using static TorchSharp.torch;

namespace BatchLearning.Tests.BatchSizing;

/// <summary>The advisor measures every size, keeps to the budget, and recommends the smallest size nearly as fast as the fastest.</summary>
/// <remarks>
/// Alone, like the other timing tests: peak memory is the process's, and a test beside it that resets or frees memory would move the peak.
/// </remarks>
[Collection(TimingCollection.Name)]
public sealed class BatchSizeAdvisorTests
{
    private static nn.Module<Tensor, Tensor> Model() => nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 4));

    // About 1 MiB of weights (and as much again for their gradients), allocated fresh, so its peak is well above a 1-byte budget:
    // the small model's few kilobytes can fit in memory the process already holds, and then measure as 0.
    private static nn.Module<Tensor, Tensor> WideModel() => nn.Sequential(nn.Linear(32, 8192), nn.ReLU(), nn.Linear(8192, 4));

    [Fact]
    public void The_recommendation_fits_the_budget_and_reaches_the_share_of_the_fastest_speed_with_nothing_smaller_doing_so()
    {
        using var data = SyntheticData.Blobs(512, classes: 4, features: 32, seed: 3);
        var advice = BatchSizeAdvisor.Advise(Model, nn.CrossEntropyLoss(), data, budgetBytes: 1L << 30, batchSizes: [4, 16, 64, 256]);

        Assert.Equal([4, 16, 64, 256], advice.Candidates.Select(c => c.BatchSize));
        Assert.All(advice.Candidates, c => Assert.True(c.SamplesPerSecond > 0 && c.PeakMegabytes >= 0));
        Assert.True(advice.Recommended.FitsBudget);
        Assert.True(advice.Recommended.SamplesPerSecond >= 0.9 * advice.Fastest.SamplesPerSecond);
        Assert.All(advice.Candidates.Where(c => c.BatchSize < advice.Recommended.BatchSize),
            c => Assert.True(c.SamplesPerSecond < 0.9 * advice.Fastest.SamplesPerSecond));
        Assert.StartsWith($"For training speed within the memory budget, use batch {advice.Recommended.BatchSize}:", advice.Reason());
    }

    [Fact]
    public void A_budget_nothing_fits_and_a_share_out_of_range_are_refused_by_name()
    {
        using var data = SyntheticData.Blobs(64, classes: 4, features: 32, seed: 3);
        var error = Assert.Throws<InvalidOperationException>(() => BatchSizeAdvisor.Advise(WideModel, nn.CrossEntropyLoss(), data, budgetBytes: 1, batchSizes: [8]));
        Assert.Contains("No batch size tried fits", error.Message, StringComparison.Ordinal);
        Assert.Equal("speedShare", Assert.Throws<ArgumentOutOfRangeException>(
            () => BatchSizeAdvisor.Advise(Model, nn.CrossEntropyLoss(), data, 1L << 30, [8], speedShare: 0)).ParamName);
        Assert.Equal("budgetBytes", Assert.Throws<ArgumentOutOfRangeException>(
            () => BatchSizeAdvisor.Advise(Model, nn.CrossEntropyLoss(), data, 0, [8])).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => BatchSizeAdvisor.Advise(Model, nn.CrossEntropyLoss(), data, 1L << 30, [65]));
    }
}

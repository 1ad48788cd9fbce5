using BatchLearning.Inference;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Inference;

/// <summary>Notebook 04's comparison of outputs scored one at a time and in batches, as a finding (issue 27).</summary>
public sealed class BatchInvarianceTests
{
    [Fact]
    public void The_finding_counts_rows_and_differing_classes_and_states_its_largest_difference()
    {
        TorchRuntime.Seed(5);
        var model = nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 3)).to(TorchRuntime.Device);
        using var inputs = rand(64, 20, device: TorchRuntime.Device);

        var finding = BatchInvariance.Check(model, inputs, batchSize: 16);

        Assert.Equal(64, finding.Numbers["rows"]);
        Assert.InRange(finding.Numbers["classesThatDiffer"], 0, 2);
        Assert.InRange(finding.Numbers["largestDifference"], 0, 1e-4);
        Assert.StartsWith("Largest difference between outputs computed one by one and in batches of 16: ", finding.Text, StringComparison.Ordinal);
        Assert.Equal(finding.Numbers["largestDifference"] == 0 ? "identical" : "rounding only", finding.Verdict);
    }

    [Fact]
    public void A_batch_size_outside_two_to_the_rows_is_refused_by_name()
    {
        var model = nn.Sequential(nn.Linear(4, 2));
        using var inputs = rand(8, 4);

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchInvariance.Check(model, inputs, 1)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchInvariance.Check(model, inputs, 9)).ParamName);
    }
}

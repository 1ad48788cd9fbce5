using BatchLearning.Data;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Data;

public sealed class DataBadInputTests
{
    [Fact]
    public void A_negative_class_label_is_refused_naming_its_row()
    {
        var labels = zeros(10, dtype: ScalarType.Int64);
        labels[3] = tensor(-1L);

        var error = Assert.Throws<ArgumentException>(() => new TensorDataSet(rand(10, 2), labels));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("Label -1 at row 3 is negative", error.Message);
    }

    [Fact]
    public void A_NaN_target_is_refused_naming_its_row()
    {
        var targets = zeros(10, 1);
        targets[2, 0] = tensor(float.NaN);

        var error = Assert.Throws<ArgumentException>(() => new TensorDataSet(rand(10, 2), targets));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels row 2 holds NaN or infinity", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Skipping_outside_the_epochs_batches_is_refused(int skip)
    {
        using var data = new TensorDataSet(rand(10, 2), zeros(10, dtype: ScalarType.Int64));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.Epoch(data, batchSize: 4, seed: 1, epoch: 1, skip: skip));

        Assert.Equal("skip", error.ParamName);
        Assert.Contains("from 0 to the epoch's 3 batches", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void An_epoch_below_1_is_refused(int epoch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.Order(10, seed: 1, epoch));

        Assert.Equal("epoch", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void A_batch_size_of_0_is_refused_with_the_set_size_as_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.PerEpoch(10, 0));

        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("from 1 to the set size, 10", error.Message);
        Assert.Contains("Got 0", error.Message);
    }
}

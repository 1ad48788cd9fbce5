using BatchLearning.Data;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Data;

public sealed class MiniBatchesTests
{
    private static TensorDataSet Numbered(int count) =>
        new(arange(count, dtype: ScalarType.Float32).unsqueeze(1), arange(count, dtype: ScalarType.Int64));

    private static List<long> SampleIds(IEnumerable<MiniBatch> batches) =>
        batches.SelectMany(b => b.Labels.data<long>().ToArray()).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(100)]
    public void Every_sample_is_seen_exactly_once_per_epoch_with_the_last_partial_batch_kept(int batchSize)
    {
        using var data = Numbered(100);

        var batches = MiniBatches.Epoch(data, batchSize, seed: 5, epoch: 1).ToList();

        Assert.Equal((100 + batchSize - 1) / batchSize, batches.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), SampleIds(batches).Order());
        Assert.All(batches.SkipLast(1), b => Assert.Equal(batchSize, b.Size));
        Assert.Equal(100 - (batches.Count - 1) * batchSize, batches[^1].Size);
    }

    [Fact]
    public void Dropping_the_last_batch_keeps_only_full_batches_and_no_sample_twice()
    {
        using var data = Numbered(100);

        var batches = MiniBatches.Epoch(data, 32, seed: 5, epoch: 1, LastBatch.Drop).ToList();

        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.Equal(32, b.Size));
        Assert.Equal(96, SampleIds(batches).Distinct().Count());
    }

    [Fact]
    public void Each_epoch_has_a_new_order_and_the_same_seed_repeats_it()
    {
        using var data = Numbered(50);

        var first = SampleIds(MiniBatches.Epoch(data, 10, seed: 9, epoch: 1));
        var second = SampleIds(MiniBatches.Epoch(data, 10, seed: 9, epoch: 2));
        var firstAgain = SampleIds(MiniBatches.Epoch(data, 10, seed: 9, epoch: 1));
        var otherSeed = SampleIds(MiniBatches.Epoch(data, 10, seed: 10, epoch: 1));

        Assert.NotEqual(first, second);
        Assert.Equal(first, firstAgain);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), first);
    }

    [Fact]
    public void Skipping_batches_resumes_the_same_epoch_order()
    {
        using var data = Numbered(50);

        var whole = SampleIds(MiniBatches.Epoch(data, 10, seed: 9, epoch: 3));
        var resumed = SampleIds(MiniBatches.Epoch(data, 10, seed: 9, epoch: 3, skip: 2));

        Assert.Equal(whole.Skip(20), resumed);
    }

    [Fact]
    public void Batches_keep_features_and_labels_together()
    {
        using var data = Numbered(30);

        foreach (var batch in MiniBatches.Epoch(data, 8, seed: 1, epoch: 1))
        {
            Assert.Equal(batch.Labels.data<long>().ToArray().Select(l => (float)l), batch.Features.squeeze(1).data<float>().ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(101)]
    public void A_batch_size_outside_one_to_the_set_size_is_refused_with_the_range(int batchSize)
    {
        using var data = Numbered(100);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.Epoch(data, batchSize, seed: 1, epoch: 1));

        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("from 1 to the set size, 100", error.Message);
    }
}

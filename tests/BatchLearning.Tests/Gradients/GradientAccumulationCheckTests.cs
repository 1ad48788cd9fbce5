using BatchLearning.Data;
using BatchLearning.Gradients;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Gradients;

[Collection(TorchRandomCollection.Name)]
public sealed class GradientAccumulationCheckTests
{
    [Fact]
    public void With_an_uneven_last_piece_weighting_by_share_matches_the_whole_batch_and_a_mean_of_means_does_not()
    {
        using var data = SyntheticData.Blobs(400, classes: 3, features: 8, spread: 4, seed: 2);
        TorchRuntime.Seed(6);
        var model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 3));
        var before = model.parameters().Select(p => p.detach().clone()).ToList();

        var uneven = GradientAccumulationCheck.Compare(model, nn.CrossEntropyLoss(), data, batchSize: 250, pieceSize: 64);

        Assert.Equal([64, 64, 64, 58], uneven.PieceSizes);
        Assert.InRange(uneven.WeightedError, 0, 1e-5);
        Assert.True(uneven.MeanOfMeansError > 1e-3, $"a mean of means should differ from the whole batch: {uneven.MeanOfMeansError}");
        Assert.All(model.parameters().Zip(before), p => Assert.True(p.First.eq(p.Second).all().item<bool>(), "the weights must not change"));
    }

    [Fact]
    public void With_equal_pieces_both_ways_match_the_whole_batch()
    {
        using var data = SyntheticData.Blobs(400, classes: 3, features: 8, spread: 4, seed: 2);
        TorchRuntime.Seed(6);
        var model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 3));

        var even = GradientAccumulationCheck.Compare(model, nn.CrossEntropyLoss(), data, batchSize: 256, pieceSize: 64);

        Assert.Equal([64, 64, 64, 64], even.PieceSizes);
        Assert.InRange(even.MeanOfMeansError, 0, 1e-5);
        Assert.InRange(even.WeightedError, 0, 1e-5);
    }

    [Theory]
    [InlineData(1, 1, "batchSize")]
    [InlineData(401, 64, "batchSize")]
    [InlineData(100, 0, "pieceSize")]
    [InlineData(100, 100, "pieceSize")]
    public void Sizes_out_of_range_are_refused_naming_the_argument(int batchSize, int pieceSize, string named)
    {
        using var data = SyntheticData.Blobs(400, classes: 3, features: 8, seed: 2);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            GradientAccumulationCheck.Compare(nn.Linear(8, 3), nn.CrossEntropyLoss(), data, batchSize, pieceSize);
        });
        Assert.Equal(named, refused.ParamName);
    }
}

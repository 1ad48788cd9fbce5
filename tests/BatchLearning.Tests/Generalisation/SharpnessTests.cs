using BatchLearning.Data;
using BatchLearning.Generalisation;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Generalisation;

[Collection(TorchRandomCollection.Name)]
public sealed class SharpnessTests
{
    [Fact]
    public void Bigger_nudges_raise_the_loss_more_and_the_weights_come_back_unchanged()
    {
        using var data = SyntheticData.Blobs(400, classes: 3, features: 4, spread: 2, seed: 1);
        TorchRuntime.Seed(2);
        var model = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 3));
        Trainer.Train(model, nn.CrossEntropyLoss(), data, null, new TrainingOptions(16, TrainingBudget.OfEpochs(5), OptimizerSettings.SgdWithMomentum(0.05)));
        var before = model.parameters().Select(p => p.detach().clone()).ToList();

        var small = Sharpness.Measure(model, nn.CrossEntropyLoss(), data, relativeSize: 0.01, directions: 8, seed: 3);
        var large = Sharpness.Measure(model, nn.CrossEntropyLoss(), data, relativeSize: 0.3, directions: 8, seed: 3);

        Assert.True(large.Rise > small.Rise, $"{small} vs {large}");
        Assert.True(large.Rise > 0);
        Assert.Equal(small.BaseLoss, large.BaseLoss, 6);
        Assert.All(model.parameters().Zip(before), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        using var data = SyntheticData.Blobs(40, classes: 2, features: 2, seed: 1);
        var model = nn.Linear(2, 2);

        Assert.Equal("relativeSize", Assert.Throws<ArgumentOutOfRangeException>(() => Sharpness.Measure(model, nn.CrossEntropyLoss(), data, relativeSize: 0)).ParamName);
        Assert.Equal("directions", Assert.Throws<ArgumentOutOfRangeException>(() => Sharpness.Measure(model, nn.CrossEntropyLoss(), data, directions: 0)).ParamName);
    }
}

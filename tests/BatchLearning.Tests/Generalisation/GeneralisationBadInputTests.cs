using BatchLearning.Data;
using BatchLearning.Generalisation;
using BatchLearning.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Generalisation;

/// <summary>Sharpness of a diverged model (NaN loss) is refused rather than reported as a NaN rise.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class GeneralisationBadInputTests
{
    [Fact]
    public void A_model_whose_loss_is_nan_is_refused_and_its_weights_are_untouched()
    {
        using var data = SyntheticData.Blobs(40, classes: 2, features: 2, seed: 1);
        var model = nn.Linear(2, 2);
        using (no_grad())
        {
            model.weight!.fill_(double.NaN);
        }

        var error = Assert.Throws<ArgumentException>(() => Sharpness.Measure(model, nn.CrossEntropyLoss(), data, directions: 2));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("diverged", error.Message);
        Assert.True(model.weight!.isnan().all().item<bool>());
        Assert.Equal("relativeSize", Assert.Throws<ArgumentOutOfRangeException>(() => Sharpness.Measure(nn.Linear(2, 2), nn.CrossEntropyLoss(), data, relativeSize: double.NaN)).ParamName);
    }
}

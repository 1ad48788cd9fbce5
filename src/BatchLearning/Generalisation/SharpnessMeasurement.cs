using System.Globalization;

namespace BatchLearning.Generalisation;

/// <summary>How much the loss rises when the weights are nudged in random directions (see <see cref="Sharpness.Measure(Models.Objective, Data.TensorDataSet, double, int, long)"/>).</summary>
/// <param name="RelativeSize">Each parameter tensor's nudge, as a share of its own norm.</param>
/// <param name="Directions">Random directions averaged.</param>
/// <param name="BaseLoss">The loss at the weights themselves.</param>
/// <param name="MeanPerturbedLoss">The mean loss over the nudged weights.</param>
/// <param name="MaxPerturbedLoss">The largest loss over the nudged weights.</param>
public sealed record SharpnessMeasurement(double RelativeSize, int Directions, double BaseLoss, double MeanPerturbedLoss, double MaxPerturbedLoss)
{
    /// <summary>The sharpness score: the mean rise in loss, MeanPerturbedLoss - BaseLoss. Larger means a sharper minimum.</summary>
    public double Rise => MeanPerturbedLoss - BaseLoss;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"loss {BaseLoss:0.0000} rises by {Rise:0.0000} on average ({Directions} directions at {RelativeSize:P0} of each tensor's norm)");
}

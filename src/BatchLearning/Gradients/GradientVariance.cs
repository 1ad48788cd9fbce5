namespace BatchLearning.Gradients;

/// <summary>How far mini-batch gradients of one size scatter around the full-data gradient.</summary>
/// <param name="BatchSize">Samples per mini-batch.</param>
/// <param name="Variance">Measured: the mean over draws of |g_B - G|², the squared distance of the batch gradient from the full gradient.</param>
/// <param name="Predicted">
/// Theory for batches drawn without replacement: tr(Σ)/B x (N - B)/(N - 1), with tr(Σ) the per-sample gradient variance (falls as 1/B; the second factor reaches 0 at the full set).
/// </param>
/// <param name="Draws">Mini-batches drawn at this size.</param>
public sealed record GradientVariance(int BatchSize, double Variance, double Predicted, int Draws)
{
    /// <summary>Measured over predicted: near 1 when the 1/B law holds.</summary>
    public double Ratio => Predicted == 0 ? double.NaN : Variance / Predicted;
}

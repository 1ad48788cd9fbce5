namespace BatchLearning.Gradients;

/// <summary>One two-batch measurement: the squared gradient norms of a small and a big batch at the same weights.</summary>
/// <param name="Update">The update at which it was taken (0 outside training).</param>
/// <param name="SmallBatch">B_s, samples in the small batch.</param>
/// <param name="BigBatch">B_b, samples in the big batch.</param>
/// <param name="SmallSquaredNorm">|G_s|², the small batch's squared gradient norm.</param>
/// <param name="BigSquaredNorm">|G_b|², the big batch's squared gradient norm.</param>
public sealed record NoiseScaleSample(int Update, int SmallBatch, int BigBatch, double SmallSquaredNorm, double BigSquaredNorm)
{
    /// <summary>The unbiased estimate of the true gradient's squared norm: (B_b |G_b|² - B_s |G_s|²) / (B_b - B_s).</summary>
    public double GradientSquaredEstimate => (BigBatch * BigSquaredNorm - SmallBatch * SmallSquaredNorm) / (BigBatch - SmallBatch);

    /// <summary>The unbiased estimate of the per-sample variance tr(Σ): (|G_s|² - |G_b|²) / (1/B_s - 1/B_b).</summary>
    public double TraceEstimate => (SmallSquaredNorm - BigSquaredNorm) / (1.0 / SmallBatch - 1.0 / BigBatch);
}

using BatchLearning.Charts;

namespace BatchLearning.Gradients;

/// <summary>The noise of mini-batch gradients at one point of training (see <see cref="GradientNoise.Measure(Models.Objective, Data.TensorDataSet, IEnumerable{int}, int, int?, long)"/>).</summary>
/// <param name="PerSampleTrace">tr(Σ): the mean squared distance of one sample's gradient from the full gradient.</param>
/// <param name="FullGradientSquaredNorm">|G|²: the squared length of the full-data gradient.</param>
/// <param name="Samples">N: samples in the data set.</param>
/// <param name="Points">Measured and predicted variance per batch size.</param>
public sealed record GradientNoiseMeasurement(double PerSampleTrace, double FullGradientSquaredNorm, int Samples, IReadOnlyList<GradientVariance> Points)
{
    /// <summary>
    /// McCandlish et al.'s simple noise scale B_simple = tr(Σ)/|G|²: around this batch size the gradient's noise and its signal are
    /// of equal size, so larger batches stop buying proportionally fewer steps.
    /// </summary>
    public double SimpleNoiseScale => FullGradientSquaredNorm == 0 ? double.PositiveInfinity : PerSampleTrace / FullGradientSquaredNorm;

    /// <summary>Measured and predicted variance against batch size, both axes logarithmic (a 1/B law is a straight line of slope -1).</summary>
    public Chart ToChart()
    {
        var sizes = Points.Select(p => (double)p.BatchSize).ToList();
        return Chart.Of("Variance of the mini-batch gradient against batch size",
            new Axis("batch size", Logarithmic: true), new Axis("E|g_B - G|²", Logarithmic: true),
            new ChartSeries("measured", sizes, Points.Select(p => p.Variance).ToList(), SeriesStyle.Markers),
            new ChartSeries("tr(Σ)/B x (N-B)/(N-1)", sizes, Points.Select(p => p.Predicted).ToList(), SeriesStyle.Lines));
    }
}

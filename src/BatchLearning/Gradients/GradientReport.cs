using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Gradients;

/// <summary>Notebook 02's statements about mini-batch gradients, worded from the run's numbers: pieces averaged two ways, and the variance against 1/B.</summary>
public static class GradientReport
{
    /// <summary>
    /// The relative error of a gradient accumulated in pieces against the whole batch's, averaged as a mean of means and weighted by each piece's share,
    /// with equal pieces and with an uneven last piece. The verdict: "mean of means off" when, with the uneven piece, the mean of means is off by more
    /// than 100 times the weighted error (and more than float rounding), "too close to tell apart" otherwise.
    /// </summary>
    public static Finding DescribeAccumulationError(AccumulationComparison even, AccumulationComparison uneven)
    {
        ArgumentNullException.ThrowIfNull(even);
        ArgumentNullException.ThrowIfNull(uneven);
        var off = uneven.MeanOfMeansError > 100 * Math.Max(uneven.WeightedError, 1e-9);
        var text = Invariant($"Relative error against the whole batch's gradient: with equal pieces ({Pieces(even)}) {Shown(even.MeanOfMeansError)} as a mean ") +
            Invariant($"of means and {Shown(even.WeightedError)} weighted by share; with the uneven last piece ({Pieces(uneven)}) ") +
            Invariant($"{Shown(uneven.MeanOfMeansError)} against {Shown(uneven.WeightedError)} (") +
            (off ? "the mean of means is off by far more than float rounding)." : "too close to tell apart here).");
        return Finding.Of("accumulated gradients, two averages", text,
            ("evenMeanOfMeansError", even.MeanOfMeansError), ("evenWeightedError", even.WeightedError),
            ("unevenMeanOfMeansError", uneven.MeanOfMeansError), ("unevenWeightedError", uneven.WeightedError))
            with { Verdict = off ? "mean of means off" : "too close to tell apart" };
    }

    /// <summary>
    /// The measured variance of the mini-batch gradient against the formula's prediction: the range of measured / predicted, and the factor each step
    /// of batch sizes cut the variance by, measured and predicted. The verdict: "follows the line" when every finite ratio lies in (0.6, 1.6), "strayed" otherwise.
    /// </summary>
    /// <param name="noise">The measurement, at least two batch sizes.</param>
    /// <param name="dataSetSize">The number of examples the batches were drawn from, as the sentence names it.</param>
    public static Finding DescribeNoise(GradientNoiseMeasurement noise, int dataSetSize)
    {
        ArgumentNullException.ThrowIfNull(noise);
        Guard.InRange(noise.Points.Count, 2, 10_000, nameof(noise) + ".Points.Count");
        Guard.InRange(dataSetSize, 1, int.MaxValue);
        var ratios = noise.Points.Select(p => p.Ratio).Where(double.IsFinite).ToList();
        if (ratios.Count == 0)
        {
            throw Guard.OutOfRange(nameof(noise), "no finite ratio", "a measurement with at least one batch size whose predicted variance is above 0");
        }

        var steps = noise.Points.Zip(noise.Points.Skip(1)).ToList();
        var measured = steps.Select(s => s.First.Variance / s.Second.Variance).ToList();
        var predicted = steps.Select(s => s.First.Predicted / s.Second.Predicted).ToList();
        var follows = ratios.All(r => r is > 0.6 and < 1.6);
        var growth = steps.Select(s => (double)s.Second.BatchSize / s.First.BatchSize).Distinct().ToList();
        var text = Invariant($"Measured over predicted: from {ratios.Min():0.00} to {ratios.Max():0.00}. ") + (growth.Count == 1
                ? Invariant($"Each {StepName(growth[0])} of the batch cut the measured variance by {Factors(measured)}; the formula predicts {Factors(predicted)} ") +
                  Invariant($"({growth[0]:0.#}x from the 1/B law, more as the batch nears the whole set of {dataSetSize:N0}): ")
                : Invariant($"Each step of the batch ({Steps(steps)}) cut the measured variance by {Factors(measured)}; the formula predicts {Factors(predicted)} ") +
                  Invariant($"(the step's growth in batch size from the 1/B law, more as the batch nears the whole set of {dataSetSize:N0}): ")) +
            (follows ? "the points follow the line."
                : Invariant($"some points strayed from the line; {noise.Points[0].Draws} draws per size leave that much scatter."));
        return Finding.Of("the gradient's variance against 1/B", text,
            ("smallestRatio", ratios.Min()), ("largestRatio", ratios.Max()), ("sizes", noise.Points.Count))
            with { Verdict = follows ? "follows the line" : "strayed" };
    }

    private static string StepName(double growth) => growth switch
    {
        2 => "doubling",
        4 => "quadrupling",
        _ => Invariant($"{growth:0.#}-fold step"),
    };

    private static string Pieces(AccumulationComparison c) => string.Join(" + ", c.PieceSizes.Select(p => Invariant($"{p}")));

    private static string Steps(IEnumerable<(GradientVariance First, GradientVariance Second)> steps) =>
        string.Join(", ", steps.Select(s => Invariant($"{s.First.BatchSize} to {s.Second.BatchSize}")));

    private static string Factors(IEnumerable<double> factors) => string.Join(", ", factors.Select(q => Invariant($"{q:0.0}x")));

    // An error as a percentage to three significant digits, so float rounding shows as 0.0000122 %, not 0 %.
    private static string Shown(double error)
    {
        var percent = error * 100;
        var decimals = percent == 0 || !double.IsFinite(percent) ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(percent))), 0, 12);
        return Math.Round(percent, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), System.Globalization.CultureInfo.InvariantCulture) + " %";
    }
}

using BatchLearning.Findings;
using BatchLearning.Runtime;
using BatchLearning.Timing;
using TorchSharp;
using static System.FormattableString;

namespace BatchLearning.Hardware;

/// <summary>Notebook 00-setup's closing advice, worded from its run: the device and threads, the ceiling as a cap on the first lesson's model, and batching's verdict.</summary>
public static class SetupAdvice
{
    /// <summary>The advice, one bullet per line.</summary>
    /// <param name="products">The matrix products measured against the ceiling.</param>
    /// <param name="comparison">Many small products one call each against one batched call.</param>
    /// <param name="modelName">The first lesson's classifier, as named in the sentence ("MLP 512-128-5").</param>
    /// <param name="flopsPerEmail">Its floating-point operations per email, above 0.</param>
    public static Finding Of(MatrixProductProfile products, BatchedProductComparison comparison, string modelName, double flopsPerEmail)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        Guard.Above(flopsPerEmail, 0, 1e15);
        var emailsPerSecond = products.Ceiling.PeakGigaflopsPerSecond * 1e9 / flopsPerEmail;
        var (lowest, highest) = (products.Points.Min(p => p.ShareOfCeiling), products.Points.MaxBy(p => p.GigaflopsPerSecond)!.ShareOfCeiling);
        var batched = comparison.Finding.Verdict == HeadToHeadVerdict.SecondFaster;
        var text = string.Join("\n",
            Invariant($"• Quote every timing with its machine: this run computed on {TorchRuntime.Device.type} with {torch.get_num_threads()} libtorch thread(s); ") +
                "a figure measured elsewhere does not transfer.",
            Invariant($"• The ceiling caps the model: the first lesson's classifier ({modelName}, {flopsPerEmail:N0} FLOPs per email) could do the arithmetic of ") +
                Invariant($"at most {emailsPerSecond:N0} emails a second here; the products above reached {lowest:P0} to {highest:P0} of it, by size."),
            batched
                ? Invariant($"• Hand the model many emails per call: {comparison.Count:N0} small products in one call ran {RatioWording.Times(comparison.SpeedUp)}x faster ") +
                  "than one call each (notebook 01: how big a batch must be)."
                : "• One call for many items did not clearly win on this run: run it again, then see notebook 01.",
            "• With an NVIDIA GPU, one package name in the first cell moves every notebook onto it (see above).");
        return Finding.Of("what the setup means for your measurements", text,
            ("emailsPerSecondAtCeiling", emailsPerSecond), ("lowestShareOfCeiling", lowest), ("highestShareOfCeiling", highest), ("speedUp", comparison.SpeedUp))
            with { Verdict = batched ? "many per call" : "run it again" };
    }
}

using BatchLearning.Findings;
using static System.FormattableString;
using static TorchSharp.torch;

namespace BatchLearning.Inference;

/// <summary>
/// Whether batching changes a model's answers: the same rows scored one at a time and in batches, the largest difference between the outputs and
/// the predicted classes that differ. Each row of a batch is computed on its own, so only float rounding can differ (libtorch picks its matrix
/// routine by shape, and a different routine adds in a different order).
/// </summary>
public static class BatchInvariance
{
    /// <summary>Scores <paramref name="inputs"/> one at a time and in batches of <paramref name="batchSize"/>, and states what differed.</summary>
    /// <param name="model">The model (a classifier: its outputs' highest score is the predicted class).</param>
    /// <param name="inputs">The rows, at least 2, on the model's device.</param>
    /// <param name="batchSize">The batch size compared with 1: from 2 to the number of rows.</param>
    public static Finding Check(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var rows = (int)Guard.InRange(inputs.dim() == 0 ? 0 : inputs.shape[0], 2, 1_000_000, "inputs");
        Guard.InRange(batchSize, 2, rows);
        using var scope = NewDisposeScope();
        var (difference, flipped) = Differences(BatchPredictor.Predict(model, inputs, batchSize: 1), BatchPredictor.Predict(model, inputs, batchSize: batchSize));
        var text = Invariant($"Largest difference between outputs computed one by one and in batches of {batchSize}: {difference:G2}; ") +
            Invariant($"predicted classes that differ: {flipped} of {rows}") +
            (difference == 0 ? " (the same arithmetic in the same order)." : " (float rounding: see below).");
        return Finding.Of("outputs one by one and in batches", text, ("largestDifference", difference), ("classesThatDiffer", flipped), ("rows", rows), ("batchSize", batchSize))
            with { Verdict = difference == 0 ? "identical" : "rounding only" };
    }

    /// <summary>
    /// The same rows' outputs computed two ways (for example a loop of single calls and one call for all): the largest difference, and the predicted
    /// classes (highest score) that differ. Verdict: "no class changed" or "classes changed".
    /// </summary>
    /// <param name="oneAtATime">The outputs computed one row at a time, [rows, classes].</param>
    /// <param name="allAtOnce">The same rows' outputs computed at once, the same shape.</param>
    public static Finding Compare(Tensor oneAtATime, Tensor allAtOnce)
    {
        ArgumentNullException.ThrowIfNull(oneAtATime);
        ArgumentNullException.ThrowIfNull(allAtOnce);
        if (oneAtATime.dim() != 2 || !oneAtATime.shape.SequenceEqual(allAtOnce.shape))
        {
            throw new ArgumentException(Invariant($"Give two sets of outputs of the same shape [rows, classes]; got [{string.Join(", ", oneAtATime.shape)}] and [{string.Join(", ", allAtOnce.shape)}]."), nameof(allAtOnce));
        }

        var (difference, flipped) = Differences(oneAtATime, allAtOnce);
        var rows = oneAtATime.shape[0];
        var text = Invariant($"Largest difference between the two sets of outputs: {difference:G2} (float rounding). ") +
            Invariant($"Predicted classes that differ between the two ways: {flipped} of {rows:N0}") + (flipped == 0
                ? ": the rounding never decided a class here."
                : ": two classes' scores were within rounding of each other (batch invariance, notebook 04).");
        return Finding.Of("outputs one at a time and all at once", text, ("largestDifference", difference), ("classesThatDiffer", flipped), ("rows", rows))
            with { Verdict = flipped == 0 ? "no class changed" : "classes changed" };
    }

    // The largest absolute difference between two sets of outputs, and the rows whose highest-scoring class differs.
    private static (double Difference, long Flipped) Differences(Tensor first, Tensor second)
    {
        using var scope = NewDisposeScope();
        return ((first - second).abs().max().item<float>(), (first.argmax(1) != second.argmax(1)).sum().item<long>());
    }
}

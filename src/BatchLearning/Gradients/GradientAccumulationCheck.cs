using BatchLearning.Data;
using BatchLearning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Gradients;

/// <summary>
/// Gradient accumulation checked against the whole batch: the first <c>batchSize</c> samples of a data set, their gradient computed at once and
/// accumulated over pieces of <c>pieceSize</c> (the last piece smaller when the piece size does not divide the batch), both by averaging the
/// pieces' mean losses and by weighting each by its share of the batch. The model's weights are not changed.
/// </summary>
public static class GradientAccumulationCheck
{
    /// <summary>Compares the two accumulations with the whole batch's gradient.</summary>
    /// <param name="model">The model, at the weights to measure.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="data">The data set; its first <paramref name="batchSize"/> samples make the batch.</param>
    /// <param name="batchSize">From 2 to the set size.</param>
    /// <param name="pieceSize">From 1 to below <paramref name="batchSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size outside its range; the message names it and the range.</exception>
    public static AccumulationComparison Compare(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, int batchSize, int pieceSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.InRange(batchSize, 2, data.Count, nameof(batchSize));
        Guard.InRange(pieceSize, 1, batchSize - 1, nameof(pieceSize));
        var objective = new Objective(model, loss);
        return objective.OnDevice(data, set => CompareOnDevice(objective, set, batchSize, pieceSize));
    }

    private static AccumulationComparison CompareOnDevice(Objective objective, TensorDataSet set, int batchSize, int pieceSize)
    {
        using var scope = NewDisposeScope();
        var (features, labels) = (set.Features.narrow(0, 0, batchSize), set.Labels.narrow(0, 0, batchSize));
        var pieces = Enumerable.Range(0, (batchSize + pieceSize - 1) / pieceSize).Select(i => Math.Min(pieceSize, batchSize - i * pieceSize)).ToList();
        var whole = Accumulated(objective, features, labels, [batchSize], _ => 1.0);
        var meanOfMeans = Accumulated(objective, features, labels, pieces, _ => 1.0 / pieces.Count);
        var weighted = Accumulated(objective, features, labels, pieces, length => (double)length / batchSize);
        objective.Model.zero_grad();
        var norm = whole.norm().item<float>();
        return new AccumulationComparison(batchSize, pieces, (meanOfMeans - whole).norm().item<float>() / norm, (weighted - whole).norm().item<float>() / norm);
    }

    // The gradient of the pieces' losses, each multiplied by weight(its length), added up by backward() as a trainer accumulates them.
    private static Tensor Accumulated(Objective objective, Tensor features, Tensor labels, IReadOnlyList<int> pieces, Func<int, double> weight)
    {
        objective.Model.zero_grad();
        var start = 0;
        foreach (var length in pieces)
        {
            (objective.LossOf(features.narrow(0, start, length), labels.narrow(0, start, length)) * weight(length)).backward();
            start += length;
        }

        return objective.FlatGradient();
    }
}

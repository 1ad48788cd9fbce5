using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>One mini-batch: the features and labels of <see cref="Size"/> samples, gathered from the set in one indexing call.</summary>
/// <param name="Index">The batch's position in its epoch, from 0.</param>
/// <param name="Features">Features of the batch's samples.</param>
/// <param name="Labels">Labels of the batch's samples.</param>
public sealed record MiniBatch(int Index, Tensor Features, Tensor Labels)
{
    /// <summary>The number of samples in the batch.</summary>
    public int Size => checked((int)Features.shape[0]);
}

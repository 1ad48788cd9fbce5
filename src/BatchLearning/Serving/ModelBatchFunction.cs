using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Serving;

/// <summary>Turns a classifier into a batch function for <see cref="DynamicBatcher{TInput, TOutput}"/>: feature vectors in, class numbers out.</summary>
public static class ModelBatchFunction
{
    /// <summary>
    /// A function that copies the requests' feature vectors straight into one batch tensor (one copy each, no intermediate array),
    /// runs one forward pass (eval mode, no gradients, on <paramref name="device"/>) and returns each request's highest-scoring class, in order.
    /// </summary>
    /// <param name="model">A module mapping [batch, features] to [batch, classes].</param>
    /// <param name="features">The length every feature vector must have, at least 1.</param>
    /// <param name="device">Where the model lives.</param>
    public static Func<IReadOnlyList<float[]>, IReadOnlyList<int>> Classifier(nn.Module<Tensor, Tensor> model, int features, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        model.eval();
        return inputs =>
        {
            using var noGradients = no_grad();
            using var scope = NewDisposeScope();
            var batch = empty(inputs.Count, features);
            var values = batch.data<float>();
            for (var i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Length != features)
                {
                    throw new ArgumentException($"Request {i} of the batch has {inputs[i].Length} features; the model takes {features}.", nameof(inputs));
                }

                values.CopyFrom(inputs[i], 0, (long)i * features);
            }

            var classes = model.forward(batch.to(device)).argmax(1).cpu();
            var result = new int[inputs.Count];
            var index = 0;
            foreach (var c in classes.data<long>())
            {
                result[index++] = (int)c;
            }

            return result;
        };
    }
}

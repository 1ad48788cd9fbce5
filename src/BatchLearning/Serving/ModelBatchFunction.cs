using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Serving;

/// <summary>Turns a classifier into a batch function for <see cref="DynamicBatcher{TInput, TOutput}"/>: feature vectors in, class numbers out.</summary>
public static class ModelBatchFunction
{
    /// <summary>
    /// A function that stacks the requests' feature vectors into one tensor, runs one forward pass (eval mode, no gradients,
    /// on <paramref name="device"/>) and returns each request's highest-scoring class, in order.
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
            var flat = new float[inputs.Count * features];
            for (var i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Length != features)
                {
                    throw new ArgumentException($"Request {i} of the batch has {inputs[i].Length} features; the model takes {features}.", nameof(inputs));
                }

                inputs[i].CopyTo(flat, i * features);
            }

            using var noGradients = no_grad();
            using var scope = NewDisposeScope();
            var batch = tensor(flat, [inputs.Count, features]).to(device);
            var classes = model.forward(batch).argmax(1).cpu();
            return classes.data<long>().ToArray().Select(c => (int)c).ToArray();
        };
    }
}

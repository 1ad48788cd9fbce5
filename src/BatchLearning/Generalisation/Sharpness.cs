using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Generalisation;

/// <summary>
/// A perturbation sharpness score in the spirit of Keskar et al. 2017: the average rise in loss when every parameter tensor is moved in a random
/// direction by a fixed share of its own norm. Flat minima barely notice; sharp ones do.
/// </summary>
/// <remarks>
/// Caveat (Dinh et al. 2017, "Sharp Minima Can Generalize For Deep Nets"): sharpness depends on how the network is parameterised. A ReLU network's
/// layers can be rescaled (one multiplied by a, the next divided by a) without changing any output, yet the score changes; scaling the nudge by each
/// tensor's own norm removes part of that effect, not all of it. Compare scores only between models of the same architecture, trained the same way.
/// </remarks>
public static class Sharpness
{
    /// <summary>Measures the sharpness of <paramref name="objective"/>'s model at its current weights on <paramref name="data"/>; the weights are restored afterwards.</summary>
    /// <param name="objective">The trained model and a loss with mean reduction.</param>
    /// <param name="data">Usually the training set (sharpness of the minimum the training found).</param>
    /// <param name="relativeSize">The nudge per tensor as a share of its norm, above 0 and at most 1; defaults to 0.05.</param>
    /// <param name="directions">Random directions to average, from 1 to 1,000; defaults to 10.</param>
    /// <param name="seed">The seed of the directions; defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting outside its range.</exception>
    /// <exception cref="ArgumentException">The loss at the model's weights is NaN or infinite (a diverged model).</exception>
    public static SharpnessMeasurement Measure(Objective objective, TensorDataSet data, double relativeSize = 0.05, int directions = 10, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        if (!(relativeSize > 0 && relativeSize <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeSize), relativeSize, "relativeSize must be above 0 and at most 1, for example 0.05.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(directions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(directions, 1000);
        objective.MoveToDevice();
        var baseLoss = Trainer.Evaluate(objective, data).Loss;
        if (!double.IsFinite(baseLoss))
        {
            throw new ArgumentException($"The loss at the model's weights is {baseLoss}: the model has diverged, so a rise in loss around it means nothing. Measure a model whose loss is finite.", "model");
        }

        var losses = NudgedLosses(objective, data, relativeSize, directions, seed);
        return new SharpnessMeasurement(relativeSize, directions, baseLoss, losses.Average(), losses.Max());
    }

    /// <summary>Measures the sharpness of <paramref name="model"/> at its current weights on <paramref name="data"/> (a shorthand for the <see cref="Objective"/> overload).</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="data">Usually the training set (sharpness of the minimum the training found).</param>
    /// <param name="relativeSize">The nudge per tensor as a share of its norm, above 0 and at most 1; defaults to 0.05.</param>
    /// <param name="directions">Random directions to average, from 1 to 1,000; defaults to 10.</param>
    /// <param name="seed">The seed of the directions; defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting outside its range.</exception>
    /// <exception cref="ArgumentException">The loss at the model's weights is NaN or infinite (a diverged model).</exception>
    public static SharpnessMeasurement Measure(
        nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, double relativeSize = 0.05, int directions = 10, long seed = 0) =>
        Measure(new Objective(model, loss), data, relativeSize, directions, seed);

    // The loss after each of `directions` random nudges of every parameter tensor; the weights are restored afterwards.
    private static List<double> NudgedLosses(Objective objective, TensorDataSet data, double relativeSize, int directions, long seed)
    {
        var parameters = objective.Model.parameters().ToList();
        var saved = parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
        var losses = new List<double>();
        using var generator = new Generator(SeedMixer.Mix(seed, 21), CPU);
        try
        {
            for (var direction = 0; direction < directions; direction++)
            {
                Nudge(parameters, saved, generator, relativeSize);
                losses.Add(Trainer.Evaluate(objective, data).Loss);
            }
        }
        finally
        {
            using (no_grad())
            {
                foreach (var (parameter, original) in parameters.Zip(saved))
                {
                    parameter.copy_(original);
                    original.Dispose();
                }
            }
        }

        return losses;
    }

    // Moves every parameter from its saved value in a random direction, by relativeSize x the saved tensor's norm.
    private static void Nudge(List<TorchSharp.Modules.Parameter> parameters, List<Tensor> saved, Generator generator, double relativeSize)
    {
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        foreach (var (parameter, original) in parameters.Zip(saved))
        {
            var noise = randn(parameter.shape, generator: generator).to(parameter.device);
            var scale = relativeSize * original.norm().item<float>() / Math.Max(noise.norm().item<float>(), 1e-12);
            parameter.copy_(original + noise * scale);
        }
    }
}

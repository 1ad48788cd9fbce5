using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Gradients;

/// <summary>
/// Measures how noisy mini-batch gradients are at the model's current weights: the full-data gradient G, the per-sample variance tr(Σ),
/// and for each batch size the scatter of batch gradients around G, against the 1/B law. The weights are not changed.
/// </summary>
public static class GradientNoise
{
    /// <summary>Measures the gradient noise of <paramref name="objective"/>'s model on <paramref name="data"/>.</summary>
    /// <param name="objective">The model, at the weights to measure, and a loss with mean reduction.</param>
    /// <param name="data">The data set (N samples).</param>
    /// <param name="batchSizes">Batch sizes, at least one, each from 1 to N, none repeated.</param>
    /// <param name="draws">Mini-batches drawn per size, from 2 to 10,000; defaults to 32.</param>
    /// <param name="traceSamples">Samples whose own gradient is computed for tr(Σ) (a seeded random subset when below N), from 2 to N; defaults to min(N, 1,024).</param>
    /// <param name="seed">The seed of the draws; defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A batch size outside 1..N, or draws / traceSamples outside their range.</exception>
    /// <exception cref="ArgumentException">No batch sizes, or one repeated.</exception>
    public static GradientNoiseMeasurement Measure(
        Objective objective, TensorDataSet data, IEnumerable<int> batchSizes, int draws = 32, int? traceSamples = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(draws, 10_000);
        var sizes = MiniBatches.ValidateBatchSizes(data.Count, batchSizes);
        var repeated = sizes.GroupBy(size => size).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"batchSizes lists {repeated.Key} {repeated.Count()} times: give each batch size once.", nameof(batchSizes));
        }

        var traceCount = traceSamples ?? Math.Min(data.Count, 1024);
        if (traceCount < 2 || traceCount > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(traceSamples), traceSamples, $"traceSamples must be from 2 to the set size, {data.Count}.");
        }

        return objective.OnDevice(data, set => MeasureOnDevice(objective, set, sizes, new Draws(draws, traceCount, seed)));
    }

    /// <summary>Measures the gradient noise of <paramref name="model"/> on <paramref name="data"/> (a shorthand for the <see cref="Objective"/> overload, with the default trace samples).</summary>
    /// <param name="model">The model, at the weights to measure.</param>
    /// <param name="loss">A loss with mean reduction.</param>
    /// <param name="data">The data set (N samples).</param>
    /// <param name="batchSizes">Batch sizes, at least one, each from 1 to N, none repeated.</param>
    /// <param name="draws">Mini-batches drawn per size, from 2 to 10,000; defaults to 32.</param>
    /// <param name="seed">The seed of the draws; defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A batch size outside 1..N, or draws outside its range.</exception>
    /// <exception cref="ArgumentException">No batch sizes, or one repeated.</exception>
    public static GradientNoiseMeasurement Measure(
        nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, TensorDataSet data, IEnumerable<int> batchSizes, int draws = 32, long seed = 0) =>
        Measure(new Objective(model, loss), data, batchSizes, draws, traceSamples: null, seed);

    // Draws per batch size, samples for tr(Σ), and the seed of both.
    private readonly record struct Draws(int PerSize, int TraceSamples, long Seed);

    private static GradientNoiseMeasurement MeasureOnDevice(Objective objective, TensorDataSet set, List<int> sizes, Draws draws)
    {
        using var scope = NewDisposeScope();
        var full = Gradient(objective, set.Features, set.Labels);
        var fullNorm = full.square().sum().item<float>();
        using var generator = new Generator(SeedMixer.Mix(draws.Seed, 11), CPU);
        var trace = Trace(objective, set, full, generator, draws.TraceSamples);
        var n = set.Count;
        var points = sizes.Select(size =>
        {
            var sum = ScatterSum(objective, set, full, generator, size, draws.PerSize);
            var predicted = n == 1 ? 0 : trace / size * (n - size) / (n - 1.0);
            return new GradientVariance(size, sum / draws.PerSize, predicted, draws.PerSize);
        }).ToList();

        objective.Model.zero_grad();
        return new GradientNoiseMeasurement(trace, fullNorm, n, points);
    }

    // tr(Σ): the mean squared distance of single-sample gradients from the full gradient, over a seeded subset of samples.
    private static double Trace(Objective objective, TensorDataSet set, Tensor full, Generator generator, int traceCount)
    {
        var traceRows = randperm(set.Count, generator: generator).narrow(0, 0, traceCount).to(TorchRuntime.Device);
        double traceSum = 0;
        for (var i = 0; i < traceCount; i++)
        {
            using var sampleScope = NewDisposeScope();
            var row = traceRows.narrow(0, i, 1);
            traceSum += (Gradient(objective, set.Features.index_select(0, row), set.Labels.index_select(0, row)) - full).square().sum().item<float>();
        }

        return traceSum / traceCount;
    }

    // The summed squared distance of `draws` random batches' gradients from the full gradient.
    private static double ScatterSum(Objective objective, TensorDataSet set, Tensor full, Generator generator, int size, int draws)
    {
        double sum = 0;
        for (var draw = 0; draw < draws; draw++)
        {
            using var drawScope = NewDisposeScope();
            var rows = randperm(set.Count, generator: generator).narrow(0, 0, size).to(TorchRuntime.Device);
            sum += (Gradient(objective, set.Features.index_select(0, rows), set.Labels.index_select(0, rows)) - full).square().sum().item<float>();
        }

        return sum;
    }

    /// <summary>
    /// The simple noise scale B_simple at the model's current weights by the two-batch estimator: <paramref name="pairs"/> times, the squared gradient
    /// norms of a random small and a random big batch; |G|² and tr(Σ) are averaged over the pairs before dividing.
    /// </summary>
    /// <param name="objective">The model (weights unchanged) and a loss with mean reduction.</param>
    /// <param name="data">The data set.</param>
    /// <param name="smallBatch">B_s, from 1 to below <paramref name="bigBatch"/>.</param>
    /// <param name="bigBatch">B_b, above B_s and at most the set size.</param>
    /// <param name="pairs">Small/big pairs to average, from 1 to 100,000; defaults to 32.</param>
    /// <param name="seed">The seed of the draws; defaults to 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A batch size or <paramref name="pairs"/> outside its range.</exception>
    public static NoiseScaleEstimate EstimateNoiseScale(Objective objective, TensorDataSet data, int smallBatch, int bigBatch, int pairs = 32, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        MiniBatches.ValidateBatchSize(data.Count, bigBatch);
        if (smallBatch < 1 || smallBatch >= bigBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(smallBatch), smallBatch, $"smallBatch must be from 1 to below bigBatch ({bigBatch}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pairs, 100_000);
        var device = TorchRuntime.Device;
        objective.MoveToDevice();
        var samples = new List<NoiseScaleSample>();
        using var generator = new Generator(SeedMixer.Mix(seed, 12), CPU);
        for (var pair = 0; pair < pairs; pair++)
        {
            using var scope = NewDisposeScope();
            var small = randperm(data.Count, generator: generator).narrow(0, 0, smallBatch);
            var big = randperm(data.Count, generator: generator).narrow(0, 0, bigBatch);
            samples.Add(new NoiseScaleSample(0, smallBatch, bigBatch,
                SquaredGradientNorm(objective, data.Features.index_select(0, small).to(device), data.Labels.index_select(0, small).to(device)),
                SquaredGradientNorm(objective, data.Features.index_select(0, big).to(device), data.Labels.index_select(0, big).to(device))));
        }

        objective.Model.zero_grad();
        return NoiseScaleEstimate.From(samples);
    }

    /// <summary>The squared norm of the gradient of the mean loss over the given samples (the model's gradients are overwritten).</summary>
    internal static double SquaredGradientNorm(Objective objective, Tensor features, Tensor labels)
    {
        objective.Model.zero_grad();
        objective.LossOf(features, labels).backward();
        var norm = SquaredNormOfGradients(objective.Model);
        objective.Model.zero_grad();
        return norm;
    }

    /// <summary>The squared norm of the gradients currently held by the model's parameters.</summary>
    internal static double SquaredNormOfGradients(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        double sum = 0;
        foreach (var parameter in model.parameters())
        {
            if (parameter.grad is { } grad)
            {
                sum += grad.square().sum().item<float>();
            }
        }

        return sum;
    }

    // The gradient of the mean loss over the given samples, as one flat vector (zeros for parameters the loss does not reach).
    private static Tensor Gradient(Objective objective, Tensor features, Tensor labels)
    {
        objective.Model.zero_grad();
        objective.LossOf(features, labels).backward();
        return objective.FlatGradient();
    }
}

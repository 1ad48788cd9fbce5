using BatchLearning.Hardware;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Inference;

/// <summary>
/// Runs a model over many inputs in batches: evaluation mode, no gradients, on the model's device, outputs in input order.
/// </summary>
public static class BatchPredictor
{
    /// <summary>The model's outputs for every row of <paramref name="inputs"/>, computed <paramref name="batchSize"/> rows at a time.</summary>
    /// <param name="model">Any module mapping a batch (first dimension) to a batch of outputs.</param>
    /// <param name="inputs">One row per item; moved to the model's device batch by batch.</param>
    /// <param name="batchSize">Rows per forward pass, at least 1 (a size above the row count runs one pass).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> has no rows, a row holds NaN or infinity (the message names the row), or its width does not fit the model's first layer.
    /// </exception>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize)
    {
        Validate(model, inputs, batchSize);
        ModelDataCheck.EnsureFeaturesFit(model, inputs, nameof(inputs), "inputs");
        var device = TorchRuntime.Device;
        model.eval();
        using var noGradients = no_grad();
        var outputs = new List<Tensor>();
        try
        {
            using var scope = NewDisposeScope();
            for (long start = 0; start < inputs.shape[0]; start += batchSize)
            {
                var length = Math.Min(batchSize, inputs.shape[0] - start);
                var batch = inputs.narrow(0, start, length).to(device);
                ModelDataCheck.EnsureFinite(batch, start, nameof(inputs));
                outputs.Add(ModelDataCheck.Translate(model, inputs, null, () => model.forward(batch)).MoveToOuterDisposeScope());
            }
        }
        catch
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }

            throw;
        }

        var result = cat(outputs, 0);
        foreach (var output in outputs)
        {
            output.Dispose();
        }

        return result;
    }

    /// <summary>
    /// Times a full pass over <paramref name="inputs"/> at each batch size (one warm-up pass, then the median of
    /// <paramref name="repetitions"/>), giving throughput and the time of one batch.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The data set, already on the model's device for a fair timing.</param>
    /// <param name="batchSizes">Batch sizes, each at least 1.</param>
    /// <param name="repetitions">Timed passes per size, from 1 to 100; defaults to 3.</param>
    /// <param name="flopsPerItem">The model's floating-point operations per item (2 x weights for an MLP), to report GFLOP/s; 0 to skip.</param>
    public static IReadOnlyList<InferenceProfile> Profile(nn.Module<Tensor, Tensor> model, Tensor inputs, IEnumerable<int> batchSizes, int repetitions = 3, double flopsPerItem = 0)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (repetitions is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, $"repetitions must be from 1 to 100; got {repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (!(flopsPerItem >= 0 && double.IsFinite(flopsPerItem)))
        {
            throw new ArgumentOutOfRangeException(nameof(flopsPerItem), flopsPerItem,
                $"flopsPerItem must be a finite number from 0 (0 skips GFLOP/s); got {flopsPerItem.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
        var sizes = batchSizes.ToList();
        if (sizes.Count == 0)
        {
            throw new ArgumentException("Give at least one batch size.", nameof(batchSizes));
        }

        var profiles = new List<InferenceProfile>();
        foreach (var batchSize in sizes)
        {
            Validate(model, inputs, batchSize);
            ModelDataCheck.EnsureFeaturesFit(model, inputs, nameof(inputs), "inputs");
            model.eval();
            using var noGradients = no_grad();
            var seconds = DeviceTimer.MedianMilliseconds(repetitions, () => Pass(model, inputs, batchSize)) / 1000;
            var rows = inputs.shape[0];
            var batches = (rows + batchSize - 1) / batchSize;
            var itemsPerSecond = rows / seconds;
            profiles.Add(new InferenceProfile(batchSize, itemsPerSecond, seconds / batches * 1000, flopsPerItem > 0 ? itemsPerSecond * flopsPerItem / 1e9 : double.NaN));
        }

        return profiles;
    }

    /// <summary>
    /// Times one call of the model at each batch size (on the first rows of <paramref name="inputs"/>) interleaved with samples of the machine's
    /// ceiling (<see cref="CeilingBenchmark.Compare"/>): <paramref name="rounds"/> rounds, at least <paramref name="secondsPerPoint"/> of calls per batch size,
    /// the median round per batch size, and the best ceiling sample. Because both are measured in turn, a busy machine slows both and cannot put a point above its ceiling.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">At least as many rows as the largest batch size, on the model's device.</param>
    /// <param name="batchSizes">Batch sizes, each from 1 to the number of rows.</param>
    /// <param name="flopsPerItem">The model's floating-point operations per item (2 x weights for an MLP), a finite number above 0.</param>
    /// <param name="rounds">Rounds, from 1 to 100; defaults to 5.</param>
    /// <param name="secondsPerPoint">Timed seconds per batch size over all rounds, from 0.001 to 60; defaults to 0.2.</param>
    /// <remarks>For a roofline, with the read bandwidth measured too, call <see cref="CeilingBenchmark.Compare"/> with <c>bandwidth: true</c>.</remarks>
    public static CeilingProfile ProfileAgainstCeiling(nn.Module<Tensor, Tensor> model, Tensor inputs, IEnumerable<int> batchSizes, double flopsPerItem,
        int rounds = 5, double secondsPerPoint = 0.2)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (!(flopsPerItem > 0 && double.IsFinite(flopsPerItem)))
        {
            throw new ArgumentOutOfRangeException(nameof(flopsPerItem), flopsPerItem,
                $"flopsPerItem must be a finite number above 0 (the model's FLOPs per item); got {flopsPerItem.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var sizes = batchSizes.ToList();
        if (sizes.Count == 0)
        {
            throw new ArgumentException("Give at least one batch size.", nameof(batchSizes));
        }

        Validate(model, inputs, 1);
        ModelDataCheck.EnsureFeaturesFit(model, inputs, nameof(inputs), "inputs");
        var rows = inputs.shape[0];
        foreach (var batchSize in sizes)
        {
            if (batchSize < 1 || batchSize > rows)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSizes), batchSize,
                    $"Each batch size must be from 1 to the {rows} rows of inputs; got {batchSize}.");
            }
        }

        model.eval();
        using var noGradients = no_grad();
        var work = sizes.Select(b =>
        {
            var batch = inputs.narrow(0, 0, b);
            return new TimedWork($"batch {b}", flopsPerItem * b, () => model.forward(batch));
        }).ToList();
        var comparison = CeilingBenchmark.Compare(work, rounds, secondsPerPoint);
        var profiles = sizes.Zip(comparison.Points, (b, point) =>
            new InferenceProfile(b, b / (point.MillisecondsPerCall / 1000), point.MillisecondsPerCall, point.GigaflopsPerSecond, point.ShareOfCeiling)).ToList();
        return new CeilingProfile(comparison.Ceiling, profiles);
    }

    private static void Pass(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize)
    {
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            model.forward(inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start)));
        }
    }

    private static void Validate(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be at least 1; got {batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (inputs.dim() == 0 || inputs.shape[0] == 0)
        {
            throw new ArgumentException("inputs has no rows: give at least one item (first dimension).", nameof(inputs));
        }
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Serving;

/// <summary>Turns a classifier into a batch function for <see cref="DynamicBatcher{TInput, TOutput}"/>: feature vectors in, class numbers out.</summary>
public static class ModelBatchFunction
{
    /// <summary>
    /// A function that copies the requests' feature vectors straight into one batch tensor (one copy each, no intermediate array),
    /// runs one forward pass (eval mode, no gradients, on <paramref name="device"/>) and returns each request's highest-scoring class, in order.
    /// A request of the wrong width (or null) fails on its own: the function returns <see cref="BatchResults{TOutput}"/> whose failed positions hold an
    /// <see cref="ArgumentException"/> naming the expected and the given width, and the rest of the batch is answered. So does a request holding NaN or infinity.
    /// </summary>
    /// <param name="model">A module mapping [batch, features] to [batch, classes].</param>
    /// <param name="features">The length every feature vector must have, at least 1.</param>
    /// <param name="device">Where the model lives.</param>
    public static Func<IReadOnlyList<float[]>, IReadOnlyList<int>> Classifier(nn.Module<Tensor, Tensor> model, int features, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        if (features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features, string.Create(CultureInfo.InvariantCulture, $"features must be at least 1 (the model's input width); got {features}."));
        }

        model.eval();
        return inputs =>
        {
            ArgumentNullException.ThrowIfNull(inputs);
            var (valid, failures) = Check(inputs, features);
            var result = new int[inputs.Count];
            if (valid.Count > 0)
            {
                ClassifyRows(model, inputs, valid, features, device, result);
            }

            return failures.Count == 0 ? result : new BatchResults<int>(result, failures);
        };
    }

    // The requests that can be classified, and an exception for each one that cannot (wrong width, null, NaN or infinity).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<int> Valid, Dictionary<int, Exception> Failures) Check(IReadOnlyList<float[]> inputs, int features)
    {
        var failures = new Dictionary<int, Exception>();
        var valid = new List<int>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input || input.Length != features)
            {
                var got = inputs[i] is null ? "null" : inputs[i].Length.ToString(CultureInfo.InvariantCulture);
                failures[i] = new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The request has {got} features, but the model takes {features}: expected width {features}, got {got}."),
                    "input");
            }
            else if (FirstNotFinite(input) is var bad and >= 0)
            {
                failures[i] = new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The request's feature {bad} is {input[bad]}; every feature must be a finite number (a NaN would be classified as if it meant something)."),
                    "input");
            }
            else
            {
                valid.Add(i);
            }
        }

        return (valid, failures);
    }

    // The position of the first NaN or infinity in the row, or -1 (a plain loop: a lambda per value cost about 0.3 µs per 784-value row).
    // Compiled optimized at once: under load the runtime's background compiler, starved of a core, left this loop in its first, unoptimized
    // form, and the check then took longer than the 784-256-10 MLP's forward pass (a batch function of 880 µs against 390 µs, bench, issue 28).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstNotFinite(float[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (!float.IsFinite(row[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // One forward pass over the valid rows, copied straight into one batch tensor; each row's highest-scoring class goes to its place in result.
    // The rows are copied as spans into the tensor's own memory (a few microseconds for 64 x 784 floats): TorchSharp's element accessor
    // (data<float>().CopyFrom) took about 280 µs for the same copy, as long as the 784-256-10 MLP's forward pass itself (bench, issue 28).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ClassifyRows(nn.Module<Tensor, Tensor> model, IReadOnlyList<float[]> inputs, List<int> valid, int features, Device device, int[] result)
    {
        using var noGradients = no_grad();
        using var scope = NewDisposeScope();
        var batch = empty(valid.Count, features, dtype: ScalarType.Float32, device: CPU); // float32 on the CPU whatever the defaults: the bytes are read as floats
        var values = MemoryMarshal.Cast<byte, float>(batch.bytes);
        for (var row = 0; row < valid.Count; row++)
        {
            inputs[valid[row]].AsSpan().CopyTo(values.Slice(row * features, features));
        }

        var classes = MemoryMarshal.Cast<byte, long>(model.forward(batch.to(device)).argmax(1).cpu().contiguous().bytes);
        for (var row = 0; row < valid.Count; row++)
        {
            result[valid[row]] = (int)classes[row];
        }
    }
}

using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Memory;

/// <summary>
/// Measures the peak memory of training steps at several batch sizes: for each size it builds a fresh model and optimizer, takes a few
/// steps on a batch drawn from the data, and records the peak above what the process held before. On a CPU the figure is the process's
/// peak resident memory (Linux). TorchSharp 0.107 exposes no CUDA allocator statistics, so on a GPU the figure covers host memory only.
/// </summary>
public static class TrainingMemory
{
    /// <summary>Where the figures come from on this machine.</summary>
    public static string Source => TorchRuntime.Device.type == DeviceType.CUDA
        ? "process peak resident memory (Linux VmHWM); host only: device memory is not included"
        : "process peak resident memory (Linux VmHWM)";

    /// <summary>The peak memory of <paramref name="steps"/> training steps at each batch size.</summary>
    /// <param name="createObjective">Builds a fresh model with its loss (called once per batch size, so each measurement starts clean).</param>
    /// <param name="data">Where batches are drawn from; each batch size must be from 1 to its size.</param>
    /// <param name="batchSizes">Batch sizes to measure, at least one.</param>
    /// <param name="optimizer">The optimiser (its state is part of the fixed memory); defaults to SGD with momentum and learning rate 0.01.</param>
    /// <param name="steps">Training steps per measurement, from 1 to 100; defaults to 2 (the optimizer state appears at the first).</param>
    /// <exception cref="ArgumentOutOfRangeException">A batch size outside 1..set size, or steps outside 1..100.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public static IReadOnlyList<MemoryMeasurement> Measure(
        Func<Objective> createObjective, TensorDataSet data, IEnumerable<int> batchSizes, OptimizerSettings? optimizer = null, int steps = 2)
    {
        ArgumentNullException.ThrowIfNull(createObjective);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, 100);
        var sizes = MiniBatches.ValidateBatchSizes(data.Count, batchSizes);

        optimizer ??= OptimizerSettings.SgdWithMomentum(0.01);
        optimizer.Validate();
        return sizes.Select(size => new MemoryMeasurement(size, PeakOfSteps(createObjective, data, size, optimizer, steps), Source)).ToList();
    }

    /// <summary>The peak memory of <paramref name="steps"/> training steps at each batch size (a shorthand for the <see cref="Objective"/> overload).</summary>
    /// <param name="createModel">Builds a fresh model (called once per batch size, so each measurement starts clean).</param>
    /// <param name="loss">The loss.</param>
    /// <param name="data">Where batches are drawn from; each batch size must be from 1 to its size.</param>
    /// <param name="batchSizes">Batch sizes to measure, at least one.</param>
    /// <param name="optimizer">The optimiser (its state is part of the fixed memory); defaults to SGD with momentum and learning rate 0.01.</param>
    /// <param name="steps">Training steps per measurement, from 1 to 100; defaults to 2 (the optimizer state appears at the first).</param>
    /// <exception cref="ArgumentOutOfRangeException">A batch size outside 1..set size, or steps outside 1..100.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public static IReadOnlyList<MemoryMeasurement> Measure(
        Func<nn.Module<Tensor, Tensor>> createModel,
        nn.Module<Tensor, Tensor, Tensor> loss,
        TensorDataSet data,
        IEnumerable<int> batchSizes,
        OptimizerSettings? optimizer = null,
        int steps = 2) =>
        Measure(Objective.Factory(createModel, loss), data, batchSizes, optimizer, steps);

    /// <summary>The peak memory of <paramref name="steps"/> steps at one batch size, above the process's memory before the model was built.</summary>
    internal static long PeakOfSteps(Func<Objective> createObjective, TensorDataSet data, int batchSize, OptimizerSettings optimizer, int steps)
    {
        ProcessMemory.PrepareAllocator();
        var device = TorchRuntime.Device;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ProcessMemory.ReleaseFreeMemory();
        var before = ProcessMemory.ResidentBytes();
        ProcessMemory.ResetPeak();
        using (var scope = NewDisposeScope())
        {
            var objective = createObjective();
            objective.MoveToDevice();
            using var optimizerInstance = optimizer.Create(objective.Model.parameters());
            objective.Model.train();
            for (var step = 0; step < steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var batch = MiniBatches.Epoch(data, batchSize, seed: step, epoch: 1).First();
                optimizerInstance.zero_grad();
                objective.LossOf(batch.Features.to(device), batch.Labels.to(device)).backward();
                optimizerInstance.step();
            }

            objective.Model.Dispose();
        }

        return Math.Max(0, ProcessMemory.PeakBytes() - before);
    }
}

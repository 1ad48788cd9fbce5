using BatchLearning.Data;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Models;

/// <summary>
/// What training minimises: a model and the loss of its outputs against the labels. The pair the trainer, the gradient-noise and sharpness
/// measurements, the memory measurements and the experiment grids all take; the one place that moves the model, and a whole data set
/// (copied, and the copy disposed afterwards), to the device.
/// </summary>
/// <remarks>The objective does not own the model or the loss: disposing them stays with the caller.</remarks>
public sealed class Objective
{
    /// <summary>Pairs <paramref name="model"/> with <paramref name="loss"/>.</summary>
    /// <param name="model">Any module mapping a batch of features to a batch of outputs.</param>
    /// <param name="loss">A loss with mean reduction (the default of TorchSharp's losses), for example <c>nn.CrossEntropyLoss()</c>.</param>
    /// <exception cref="ArgumentNullException">The model or the loss is null.</exception>
    public Objective(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        Model = model;
        Loss = loss;
    }

    /// <summary>The model being trained or measured.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The loss, with mean reduction.</summary>
    public nn.Module<Tensor, Tensor, Tensor> Loss { get; }

    /// <summary>
    /// Objectives that pair a fresh model from <paramref name="createModel"/> with <paramref name="loss"/>, for the measurements that build one model
    /// per run; both are checked for null now, not at the first call.
    /// </summary>
    internal static Func<Objective> Factory(Func<nn.Module<Tensor, Tensor>> createModel, nn.Module<Tensor, Tensor, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(loss);
        return () => new Objective(createModel(), loss);
    }

    /// <summary>The mean loss of the model's outputs for <paramref name="features"/> against <paramref name="labels"/>.</summary>
    internal Tensor LossOf(Tensor features, Tensor labels) => Loss.forward(Model.forward(features), labels);

    /// <summary>The model's gradients as one flat vector, in parameter order (zeros for a parameter without one); a copy, so later backward passes leave it as it is.</summary>
    internal Tensor FlatGradient() => cat(Model.parameters().Select(p => p.grad is { } grad ? grad.flatten() : zeros(p.numel(), device: p.device)).ToList(), 0);

    /// <summary>Moves the model to <see cref="TorchRuntime.Device"/>.</summary>
    internal void MoveToDevice() => Model.to(TorchRuntime.Device);

    /// <summary>
    /// Moves the model to the device and runs <paramref name="work"/> on <paramref name="data"/> copied there; the copy is disposed afterwards
    /// (data already on the device is passed as it is, and not disposed).
    /// </summary>
    internal T OnDevice<T>(TensorDataSet data, Func<TensorDataSet, T> work)
    {
        MoveToDevice();
        var onDevice = data.To(TorchRuntime.Device);
        try
        {
            return work(onDevice);
        }
        finally
        {
            if (!ReferenceEquals(onDevice, data))
            {
                onDevice.Dispose();
            }
        }
    }

    /// <summary>Refuses a data set whose feature width or class labels the model cannot take.</summary>
    /// <exception cref="ArgumentException">The data does not fit; the message says how, in the data's terms.</exception>
    internal void EnsureFits(TensorDataSet data, string parameterName, string what)
    {
        ModelDataCheck.EnsureFeaturesFit(Model, data.Features, parameterName, what);
        ModelDataCheck.EnsureLabelsFit(Model, data, parameterName);
    }

    /// <summary>Runs <paramref name="work"/>, turning a libtorch error into one that names the model's widths and the data's shapes.</summary>
    internal T Translate<T>(TensorDataSet data, Func<T> work) => ModelDataCheck.Translate(Model, data.Features, data.Labels, work);

    /// <summary>
    /// Forward and backward over <paramref name="batch"/>, its gradient accumulated over <paramref name="pieces"/> slices, each weighted by its
    /// share of the batch; returns the batch's mean loss.
    /// </summary>
    internal double ForwardBackward(MiniBatch batch, int pieces)
    {
        if (pieces == 1)
        {
            var value = LossOf(batch.Features, batch.Labels);
            value.backward();
            return value.item<float>();
        }

        var pieceSize = (batch.Size + pieces - 1) / pieces;
        double total = 0;
        for (var start = 0; start < batch.Size; start += pieceSize)
        {
            var length = Math.Min(pieceSize, batch.Size - start);
            var share = (double)length / batch.Size;
            var value = LossOf(batch.Features.narrow(0, start, length), batch.Labels.narrow(0, start, length)) * share;
            value.backward();
            total += value.item<float>();
        }

        return total;
    }
}

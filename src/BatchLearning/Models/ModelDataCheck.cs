using System.Globalization;
using System.Runtime.InteropServices;
using BatchLearning.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Models;

/// <summary>
/// Checks at the library's boundary that a model can take a data set (feature width against the first layer, class labels against the
/// last layer's outputs, finite inputs), and turns libtorch's own shape and label errors into messages in the learner's terms.
/// </summary>
internal static class ModelDataCheck
{
    /// <summary>The input width of the model's first layer with weights, when that layer is a <see cref="Linear"/>; otherwise null (unknown).</summary>
    internal static long? InputWidth(nn.Module model) => FirstAndLastWeighted(model).First is Linear linear ? linear.in_features : null;

    /// <summary>The output width of the model's last layer with weights, when that layer is a <see cref="Linear"/>; otherwise null (unknown).</summary>
    internal static long? OutputWidth(nn.Module model) => FirstAndLastWeighted(model).Last is Linear linear ? linear.out_features : null;

    /// <summary>Refuses features whose width the model's first layer cannot take.</summary>
    /// <exception cref="ArgumentException">The width differs; the message names both and the features' shape.</exception>
    internal static void EnsureFeaturesFit(nn.Module model, Tensor features, string parameterName, string what)
    {
        if (InputWidth(model) is not { } expected || features.dim() < 2)
        {
            return;
        }

        var lastDimension = features.shape[^1];
        var perSample = features.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        if (lastDimension == expected || perSample == expected)
        {
            return;
        }

        throw new ArgumentException(
            Text($"The model's first layer expects {expected} features per sample, {what} has {perSample} (features shape {Shape(features)})."),
            parameterName);
    }

    /// <summary>Refuses class labels outside 0 to the model's output count - 1.</summary>
    /// <exception cref="ArgumentException">A label is out of range; the message names the first such label, its row and the valid range.</exception>
    internal static void EnsureLabelsFit(nn.Module model, TensorDataSet data, string parameterName)
    {
        if (!data.HasClassLabels || OutputWidth(model) is not { } classes || data.Labels.dim() != 1)
        {
            return;
        }

        using var scope = NewDisposeScope();
        var outside = data.Labels.lt(0).logical_or(data.Labels.ge(classes));
        if (!outside.any().item<bool>())
        {
            return;
        }

        var row = outside.nonzero()[0, 0].item<long>();
        var label = data.Labels[row].ToInt64();
        throw new ArgumentException(
            Text($"Label {label} at row {row} is outside the model's {classes} classes (0-{classes - 1}); give labels from 0 to {classes - 1}, or a model with more outputs."),
            parameterName);
    }

    /// <summary>Refuses a batch holding NaN or infinity (one check per batch), naming the first such row counted from <paramref name="firstRow"/>.</summary>
    internal static void EnsureFinite(Tensor batch, long firstRow, string parameterName)
    {
        if (!batch.is_floating_point())
        {
            return;
        }

        using var finite = batch.isfinite().all();
        if (finite.item<bool>())
        {
            return;
        }

        using var scope = NewDisposeScope();
        var row = batch.isfinite().logical_not().reshape(batch.shape[0], -1).any(1).nonzero()[0, 0].item<long>();
        throw new ArgumentException(
            Text($"{parameterName} row {firstRow + row} holds NaN or infinity; every feature must be a finite number (the model would still answer, with a meaningless class)."),
            parameterName);
    }

    /// <summary>Runs <paramref name="action"/>, turning a libtorch error into one that says what the model and data were.</summary>
    internal static T Translate<T>(nn.Module model, Tensor features, Tensor? labels, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ExternalException error)
        {
            var firstLine = error.Message.Split('\n', 2)[0].Trim();
            throw new ArgumentException(
                Text($"The model could not run on this data (features shape {Shape(features)}{(labels is null ? "" : Text($", labels shape {Shape(labels)}"))}{Widths(model)}): libtorch said \"{firstLine}\". Check that the data's width and labels fit the model."),
                error);
        }
    }

    /// <summary>A shape as [1797, 64].</summary>
    internal static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Widths(nn.Module model) =>
        (InputWidth(model), OutputWidth(model)) switch
        {
            ({ } input, { } output) => Text($"; the model takes {input} features and gives {output} outputs"),
            ({ } input, null) => Text($"; the model takes {input} features"),
            _ => "",
        };

    // Only where the layer order is the order data flows in (a Linear, or a Sequential); a custom module's registration order may differ, so it is not guessed.
    private static (nn.Module? First, nn.Module? Last) FirstAndLastWeighted(nn.Module model)
    {
        if (model is Linear)
        {
            return (model, model);
        }

        nn.Module? first = null, last = null;
        if (model is not Sequential)
        {
            return (null, null);
        }

        foreach (var module in model.modules())
        {
            if (module.named_parameters(recurse: false).Any())
            {
                first ??= module;
                last = module;
            }
        }

        return (first, last);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

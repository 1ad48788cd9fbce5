using System.Globalization;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Models;

/// <summary>
/// A multilayer perceptron (MLP) described by its layer widths: fully connected layers with a ReLU between them, for example 784-256-10
/// (784 inputs, one hidden layer of 256 units, 10 outputs). It knows its cost, so a notebook or the bench can turn a measured speed into GFLOP/s
/// without writing the formula again, and builds the TorchSharp module.
/// </summary>
public sealed class Mlp
{
    /// <summary>The most layers (widths) an MLP here may have: 16.</summary>
    public const int MaxWidths = 16;

    /// <summary>The widest layer allowed: 1,000,000 units.</summary>
    public const int MaxWidth = 1_000_000;

    private readonly int[] _widths;

    /// <summary>An MLP with these layer widths, inputs first and outputs last.</summary>
    /// <param name="widths">From 2 to <see cref="MaxWidths"/> widths, each from 1 to <see cref="MaxWidth"/>.</param>
    /// <exception cref="ArgumentException">Fewer than 2 or more than <see cref="MaxWidths"/> widths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A width is out of range; the message names its position.</exception>
    public Mlp(params int[] widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Length is < 2 or > MaxWidths)
        {
            throw new ArgumentException(
                Text($"An MLP needs from 2 to {MaxWidths} widths (inputs, any hidden layers, outputs); got {widths.Length}."), nameof(widths));
        }

        for (var i = 0; i < widths.Length; i++)
        {
            if (widths[i] is < 1 or > MaxWidth)
            {
                throw new ArgumentOutOfRangeException(nameof(widths), widths[i],
                    Text($"widths[{i}] must be from 1 to {MaxWidth:N0} units; got {widths[i]}."));
            }
        }

        _widths = [.. widths];
    }

    /// <summary>
    /// The course's reference model, 784-256-10: a 28 x 28 image in, 256 hidden units, 10 classes out; 406,528 FLOPs per item.
    /// Notebooks 01 and 04 and the bench's inference and training figures use it.
    /// </summary>
    public static Mlp Reference { get; } = new(784, 256, 10);

    /// <summary>784-1024-1024-10: two wide hidden layers, whose activations make training memory grow visibly with the batch (the bench's memory figures).</summary>
    public static Mlp Wide { get; } = new(784, 1024, 1024, 10);

    /// <summary>
    /// 784-2048-2048-10: about 11.6 million FLOPs per item, 28 times the reference. Served behind the dynamic batcher in the bench, its full batches take
    /// long enough that the load generator can offer 80 % of its capacity, which it cannot do for the reference model.
    /// </summary>
    public static Mlp Heavy { get; } = new(784, 2048, 2048, 10);

    /// <summary>The layer widths, inputs first and outputs last.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>The input width (features per item).</summary>
    public int Inputs => _widths[0];

    /// <summary>The output width (classes).</summary>
    public int Outputs => _widths[^1];

    /// <summary>Weights and biases together.</summary>
    public long Parameters => Layers().Sum(l => ((long)l.In * l.Out) + l.Out);

    /// <summary>
    /// Floating-point operations of one item through the model: 2 per weight (a multiply and an add), 2 x (784 x 256 + 256 x 10) = 406,528
    /// for the reference model. Biases and ReLUs (one operation per unit) are left out: under 0.2 % of the total at these sizes.
    /// </summary>
    public double FlopsPerItem => Layers().Sum(l => 2.0 * l.In * l.Out);

    /// <summary>The model's name as tables and the bench print it, for example "MLP 784-256-10".</summary>
    public string Name => "MLP " + string.Join('-', _widths.Select(w => w.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The model in a sentence: its name, weights and biases, and FLOPs per item.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture, $"The model: {Name}, {Parameters:N0} weights and biases, {FlopsPerItem:N0} FLOPs per item.");

    /// <summary>
    /// A new module of this shape (linear layers with a ReLU between them), its weights drawn from torch's random generator
    /// (seed it first with <see cref="TorchRuntime.Seed"/> for the same weights every run), on <paramref name="device"/>.
    /// </summary>
    /// <param name="device">Where the module lives; <see cref="TorchRuntime.Device"/> (CUDA when available, else the CPU) when null.</param>
    public nn.Module<Tensor, Tensor> Create(Device? device = null)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        foreach (var (input, output) in Layers())
        {
            if (modules.Count > 0)
            {
                modules.Add(nn.ReLU());
            }

            modules.Add(nn.Linear(input, output));
        }

        return nn.Sequential(modules.ToArray()).to(device ?? TorchRuntime.Device);
    }

    /// <summary>The same inputs and outputs with one hidden layer of <paramref name="hiddenUnits"/> units, for example 784-2048-10.</summary>
    /// <param name="hiddenUnits">From 1 to <see cref="MaxWidth"/>.</param>
    public Mlp WithHiddenLayer(int hiddenUnits) => new(Inputs, hiddenUnits, Outputs);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Mlp other && _widths.SequenceEqual(other._widths);

    /// <inheritdoc />
    public override int GetHashCode() => _widths.Aggregate(17, (hash, width) => unchecked((hash * 31) + width));

    private IEnumerable<(int In, int Out)> Layers() => _widths.Zip(_widths.Skip(1));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

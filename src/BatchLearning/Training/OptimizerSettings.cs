using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>Which optimiser to train with, and its settings.</summary>
/// <param name="Kind">SGD, SGD with momentum, or Adam.</param>
/// <param name="LearningRate">The base learning rate, above 0 and at most <see cref="LargestLearningRate"/> (before any schedule or batch-size scaling).</param>
/// <param name="Momentum">Momentum for <see cref="OptimizerKind.SgdWithMomentum"/>, from 0 to below 1; defaults to 0.9; ignored otherwise.</param>
/// <param name="WeightDecay">L2 weight decay, from 0 to 1; defaults to 0.</param>
public sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, double Momentum = 0.9, double WeightDecay = 0)
{
    /// <summary>The largest learning rate accepted: 1,000 (useful rates are far below; anything above is a typo or a unit mix-up).</summary>
    public const double LargestLearningRate = 1e3;

    /// <summary>Plain SGD.</summary>
    public static OptimizerSettings Sgd(double learningRate) => new(OptimizerKind.Sgd, learningRate, Momentum: 0);

    /// <summary>SGD with momentum (0.9 unless given).</summary>
    public static OptimizerSettings SgdWithMomentum(double learningRate, double momentum = 0.9) => new(OptimizerKind.SgdWithMomentum, learningRate, momentum);

    /// <summary>Adam with the usual betas (0.9, 0.999).</summary>
    public static OptimizerSettings Adam(double learningRate) => new(OptimizerKind.Adam, learningRate, Momentum: 0);

    /// <summary>Plain SGD or Adam by name, as a notebook's parameter gives it: "sgd" or "adam" (any case).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is neither; the message names both.</exception>
    public static OptimizerSettings Named(string? name, double learningRate) => name?.Trim().ToLowerInvariant() switch
    {
        "sgd" => Sgd(learningRate),
        "adam" => Adam(learningRate),
        _ => throw new ArgumentException(Text($"The optimizer's name must be \"sgd\" or \"adam\"; got {(name is null ? "null" : $"\"{name}\"")}."), nameof(name)),
    };

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0 && LearningRate <= LargestLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate,
                Text($"LearningRate must be above 0 and at most {LargestLearningRate:G}, for example 0.1 for SGD or 0.001 for Adam; got {LearningRate}."));
        }

        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, Text($"Kind must be Sgd, SgdWithMomentum or Adam; got {Kind}."));
        }

        if (Kind == OptimizerKind.SgdWithMomentum && !(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, Text($"Momentum must be from 0 to below 1, for example 0.9; got {Momentum}."));
        }

        if (!(WeightDecay >= 0 && WeightDecay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, Text($"WeightDecay must be from 0 to 1, for example 0.0001; got {WeightDecay}."));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds the optimiser for <paramref name="parameters"/>.</summary>
    internal OptimizerHelper Create(IEnumerable<Parameter> parameters) => Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, LearningRate, weight_decay: WeightDecay),
        OptimizerKind.SgdWithMomentum => optim.SGD(parameters, LearningRate, momentum: Momentum, weight_decay: WeightDecay),
        OptimizerKind.Adam => optim.Adam(parameters, LearningRate, weight_decay: WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Kind must be Sgd, SgdWithMomentum or Adam."),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        OptimizerKind.SgdWithMomentum => string.Create(CultureInfo.InvariantCulture, $"SGD, momentum {Momentum}, lr {LearningRate}"),
        OptimizerKind.Adam => string.Create(CultureInfo.InvariantCulture, $"Adam, lr {LearningRate}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"SGD, lr {LearningRate}"),
    };
}

using BatchLearning.Training;

namespace BatchLearning.Experiments;

/// <summary>An experiment grid: every batch size with every learning rate, each trained once per seed.</summary>
/// <param name="BatchSizes">Batch sizes, at least one, each from 1 to the training-set size, none repeated.</param>
/// <param name="LearningRates">Base learning rates, at least one, each finite and above 0 (scaled by <see cref="Scaling"/> when set), none repeated.</param>
/// <param name="Seeds">Seeds, at least one (two or more for confidence intervals), none repeated: each seeds the model's initial weights and the shuffles.</param>
/// <param name="Budget">How long each run trains: epochs or updates.</param>
public sealed record GridOptions(IReadOnlyList<int> BatchSizes, IReadOnlyList<double> LearningRates, IReadOnlyList<long> Seeds, TrainingBudget Budget)
{
    /// <summary>The optimiser kind; defaults to plain SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>An optional rule scaling each learning rate with the batch size.</summary>
    public LearningRateScaling? Scaling { get; init; }

    /// <summary>The learning-rate schedule of every run; defaults to constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Evaluate every this many updates as well as at ends of epochs (for steps-to-target); null for ends of epochs only.</summary>
    public int? EvaluateEveryUpdates { get; init; }

    /// <summary>Log the gradient noise scale during each run; null (the default) not to.</summary>
    public NoiseScaleOptions? NoiseScale { get; init; }

    /// <summary>The number of runs: batch sizes x learning rates x seeds.</summary>
    public int RunCount => BatchSizes.Count * LearningRates.Count * Seeds.Count;

    /// <summary>Checks that no list is empty or repeats a value, batch sizes are 1 or more and learning rates finite and above 0.</summary>
    /// <exception cref="ArgumentException">An empty list or a repeated value; the message names the list.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size, learning rate or evaluation interval out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Budget);
        if (BatchSizes is null || BatchSizes.Count == 0)
        {
            throw new ArgumentException("BatchSizes is empty: give at least one batch size.", nameof(BatchSizes));
        }

        if (LearningRates is null || LearningRates.Count == 0)
        {
            throw new ArgumentException("LearningRates is empty: give at least one learning rate.", nameof(LearningRates));
        }

        if (Seeds is null || Seeds.Count == 0)
        {
            throw new ArgumentException("Seeds is empty: give at least one seed (two or more for confidence intervals).", nameof(Seeds));
        }

        for (var i = 0; i < BatchSizes.Count; i++)
        {
            if (BatchSizes[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(BatchSizes), BatchSizes[i], $"Every batch size must be 1 or more; BatchSizes[{i}] is {BatchSizes[i]}.");
            }
        }

        for (var i = 0; i < LearningRates.Count; i++)
        {
            if (!double.IsFinite(LearningRates[i]) || LearningRates[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRates), LearningRates[i], $"Every learning rate must be a finite number above 0; LearningRates[{i}] is {LearningRates[i]}.");
            }
        }

        // A repeated setting would put the same runs twice into one cell: a repeated seed gives identical runs and a falsely narrow interval.
        Distinct(BatchSizes, nameof(BatchSizes));
        Distinct(LearningRates, nameof(LearningRates));
        Distinct(Seeds, nameof(Seeds));
        if (EvaluateEveryUpdates is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluateEveryUpdates), EvaluateEveryUpdates, $"EvaluateEveryUpdates must be 1 or more, or null for ends of epochs only; got {EvaluateEveryUpdates}.");
        }

        Budget.Validate();
    }

    private static void Distinct<T>(IReadOnlyList<T> values, string name)
    {
        var repeated = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"{name} lists {repeated.Key} {repeated.Count()} times: give each value once.", name);
        }
    }
}

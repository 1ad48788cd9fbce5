using System.Globalization;
using BatchLearning.Training;

namespace BatchLearning.Experiments;

/// <summary>
/// An experiment grid: every batch size with every learning rate, each trained once per seed. Every other setting of a run comes from
/// <see cref="Template"/>, a <see cref="TrainingOptions"/>.
/// </summary>
/// <param name="BatchSizes">Batch sizes, at least one, each from 1 to the training-set size, none repeated.</param>
/// <param name="LearningRates">Base learning rates, at least one, each finite and above 0 (scaled by <see cref="Scaling"/> when set), none repeated.</param>
/// <param name="Seeds">Seeds, at least one (two or more for confidence intervals), none repeated: each seeds the model's initial weights and the shuffles.</param>
/// <param name="Budget">How long each run trains: epochs or updates.</param>
public sealed record GridOptions(IReadOnlyList<int> BatchSizes, IReadOnlyList<double> LearningRates, IReadOnlyList<long> Seeds, TrainingBudget Budget)
{
    /// <summary>A grid whose runs take every setting but batch size, learning rate, seed and name from <paramref name="template"/> (its budget included).</summary>
    /// <param name="template">The settings every run shares: optimiser kind, momentum and weight decay, schedule, scaling, accumulation, evaluation, noise-scale logging.</param>
    /// <param name="batchSizes">Batch sizes, at least one, each from 1 to the training-set size, none repeated.</param>
    /// <param name="learningRates">Base learning rates, at least one, each finite and above 0, none repeated.</param>
    /// <param name="seeds">Seeds, at least one (two or more for confidence intervals), none repeated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> is null.</exception>
    public GridOptions(TrainingOptions template, IReadOnlyList<int> batchSizes, IReadOnlyList<double> learningRates, IReadOnlyList<long> seeds)
        : this(batchSizes, learningRates, seeds, (template ?? throw new ArgumentNullException(nameof(template))).Budget)
    {
        Template = template;
    }

    /// <summary>
    /// The settings every run shares. Each run replaces its batch size, budget (<see cref="Budget"/>), learning rate, seed and name, and drops
    /// <see cref="TrainingOptions.NoiseScale"/> where the big batch is not above the run's batch size. Defaults to <see cref="TrainingOptions"/>'s
    /// defaults with plain SGD.
    /// </summary>
    public TrainingOptions Template { get; init; } = new(1, Budget, new OptimizerSettings(OptimizerKind.Sgd, 0.1));

    /// <summary>The optimiser kind (<see cref="Template"/>'s); defaults to plain SGD.</summary>
    public OptimizerKind Optimizer
    {
        get => Template.Optimizer.Kind;
        init => Template = Template with { Optimizer = Template.Optimizer with { Kind = value } };
    }

    /// <summary>An optional rule scaling each learning rate with the batch size (<see cref="Template"/>'s); none by default.</summary>
    public LearningRateScaling? Scaling
    {
        get => Template.Scaling;
        init => Template = Template with { Scaling = value };
    }

    /// <summary>The learning-rate schedule of every run (<see cref="Template"/>'s); defaults to constant.</summary>
    public LearningRateSchedule Schedule
    {
        get => Template.Schedule;
        init => Template = Template with { Schedule = value };
    }

    /// <summary>Evaluate every this many updates (at least 1) as well as at ends of epochs, for steps-to-target; null (the default) for ends of epochs only.</summary>
    public int? EvaluateEveryUpdates
    {
        get => Template.EvaluateEveryUpdates;
        init => Template = Template with { EvaluateEveryUpdates = value };
    }

    /// <summary>Log the gradient noise scale during each run whose batch is below the big batch; null (the default) not to.</summary>
    public NoiseScaleOptions? NoiseScale
    {
        get => Template.NoiseScale;
        init => Template = Template with { NoiseScale = value };
    }

    /// <summary>The number of runs: batch sizes x learning rates x seeds.</summary>
    public int RunCount => BatchSizes.Count * LearningRates.Count * Seeds.Count;

    /// <summary>Checks that no list is empty or repeats a value, batch sizes are 1 or more and learning rates finite and above 0.</summary>
    /// <exception cref="ArgumentException">An empty list or a repeated value; the message names the list.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size, learning rate or evaluation interval out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Budget);
        ArgumentNullException.ThrowIfNull(Template);
        NotEmpty(BatchSizes, nameof(BatchSizes), "give at least one batch size.");
        NotEmpty(LearningRates, nameof(LearningRates), "give at least one learning rate.");
        NotEmpty(Seeds, nameof(Seeds), "give at least one seed (two or more for confidence intervals).");
        EachInRange(BatchSizes, nameof(BatchSizes), size => size >= 1, "Every batch size must be 1 or more");
        EachInRange(LearningRates, nameof(LearningRates), rate => double.IsFinite(rate) && rate > 0, "Every learning rate must be a finite number above 0");

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

    /// <summary>The options of one run: <see cref="Template"/> with this batch size, learning rate and seed, and the grid's budget.</summary>
    internal TrainingOptions RunOptions(int batchSize, double learningRate, long seed) =>
        Template with
        {
            BatchSize = batchSize,
            Budget = Budget,
            Optimizer = Template.Optimizer with { LearningRate = learningRate },
            Seed = seed,
            NoiseScale = NoiseScale is { } noise && noise.BigBatchSize > batchSize ? noise : null,
            // The name shows the rate the run trains at (after batch-size scaling), as the progress line does.
            Name = string.Create(CultureInfo.InvariantCulture, $"batch {batchSize}, lr {Scaling?.LearningRate(learningRate, batchSize) ?? learningRate:G3}, seed {seed}"),
        };

    private static void NotEmpty<T>(IReadOnlyList<T>? values, string name, string advice)
    {
        if (values is null || values.Count == 0)
        {
            throw new ArgumentException($"{name} is empty: {advice}", name);
        }
    }

    private static void EachInRange<T>(IReadOnlyList<T> values, string name, Func<T, bool> valid, string rule)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!valid(values[i]))
            {
                throw new ArgumentOutOfRangeException(name, values[i], string.Create(CultureInfo.InvariantCulture, $"{rule}; {name}[{i}] is {values[i]}."));
            }
        }
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

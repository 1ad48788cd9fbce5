using BatchLearning.Findings;
using System.Globalization;

namespace BatchLearning.Experiments;

/// <summary>
/// The same runs (one batch size, one scaled learning rate, the same seeds) with and without a learning-rate warm-up, compared seed by seed:
/// how many were unstable each way, and the test accuracy of those that finished both ways.
/// </summary>
/// <param name="BatchSize">The batch size compared.</param>
/// <param name="LearningRate">The rate the runs reached (after scaling).</param>
/// <param name="WarmUpUpdates">Updates of warm-up in the runs that had one.</param>
/// <param name="Seeds">Seeds run each way.</param>
/// <param name="UnstableWith">Unstable runs with the warm-up.</param>
/// <param name="UnstableWithout">Unstable runs without it.</param>
/// <param name="AccuracyWith">Mean test accuracy with the warm-up, over the seeds that finished both ways (NaN when none did).</param>
/// <param name="AccuracyWithout">The same without it.</param>
/// <param name="DifferenceMean">Seed by seed, test accuracy with minus without: the mean (NaN with fewer than two seeds finished both ways).</param>
/// <param name="DifferenceLow">The low end of its 95 % interval (NaN likewise).</param>
/// <param name="DifferenceHigh">The high end (NaN likewise).</param>
public sealed record WarmUpComparison(
    int BatchSize,
    double LearningRate,
    int WarmUpUpdates,
    int Seeds,
    int UnstableWith,
    int UnstableWithout,
    double AccuracyWith,
    double AccuracyWithout,
    double DifferenceMean,
    double DifferenceLow,
    double DifferenceHigh)
{
    /// <summary>Compares the runs of <paramref name="batchSize"/> in <paramref name="withWarmUp"/> and <paramref name="withoutWarmUp"/>.</summary>
    /// <param name="withWarmUp">Runs with the warm-up.</param>
    /// <param name="withoutWarmUp">The same settings and seeds without it.</param>
    /// <param name="batchSize">The batch size to compare; both grids must hold runs of it.</param>
    /// <param name="warmUpUpdates">The warm-up's length in updates, 0 or more, as reported (0: the runs "with" had none either).</param>
    /// <param name="unstable">The notebook's rule for an unstable run (diverged, or a loss that climbed).</param>
    /// <exception cref="ArgumentException">A grid has no run of <paramref name="batchSize"/>, or the two grids ran different seeds.</exception>
    public static WarmUpComparison Of(GridResults withWarmUp, GridResults withoutWarmUp, int batchSize, int warmUpUpdates, Func<GridRun, bool> unstable)
    {
        ArgumentNullException.ThrowIfNull(withWarmUp);
        ArgumentNullException.ThrowIfNull(withoutWarmUp);
        ArgumentNullException.ThrowIfNull(unstable);
        Guard.InRange(warmUpUpdates, 0, int.MaxValue);
        var (with, without) = (RunsOf(withWarmUp, batchSize, nameof(withWarmUp)), RunsOf(withoutWarmUp, batchSize, nameof(withoutWarmUp)));
        if (!with.Keys.Order().SequenceEqual(without.Keys.Order()))
        {
            throw new ArgumentException(Text($"Both grids must run the same seeds at batch {batchSize}; got {string.Join(", ", with.Keys)} and {string.Join(", ", without.Keys)}."), nameof(withoutWarmUp));
        }

        var finished = with.Keys.Where(s => !unstable(with[s]) && !unstable(without[s])).ToList();
        var difference = finished.Count >= 2 ? ConfidenceInterval.Of(finished.Select(s => with[s].TestAccuracy - without[s].TestAccuracy)) : null;
        return new WarmUpComparison(batchSize, with.Values.First().EffectiveLearningRate, warmUpUpdates, with.Count, with.Values.Count(unstable), without.Values.Count(unstable),
            finished.Count > 0 ? finished.Average(s => with[s].TestAccuracy) : double.NaN, finished.Count > 0 ? finished.Average(s => without[s].TestAccuracy) : double.NaN,
            difference?.Mean ?? double.NaN, difference?.Lower ?? double.NaN, difference?.Upper ?? double.NaN);
    }

    /// <summary>
    /// The finding, its verdict taken from the counts and the interval: "no warm-up", "warm-up kept runs stable", "more unstable with warm-up",
    /// "unstable either way", "cannot say", "warm-up raised accuracy", "warm-up lowered accuracy" or "too close to call".
    /// Its topic names the batch size ("the warm-up at batch 1024"), so each batch size compared has its own.
    /// </summary>
    public Finding Describe()
    {
        var (verdict, text) = Wording();
        return Finding.Of(Text($"the warm-up at batch {BatchSize}"), text, ("batchSize", BatchSize), ("learningRate", LearningRate), ("warmUpUpdates", WarmUpUpdates),
            ("seeds", Seeds), ("unstableWith", UnstableWith), ("unstableWithout", UnstableWithout), ("accuracyWith", AccuracyWith), ("accuracyWithout", AccuracyWithout),
            ("differenceMean", DifferenceMean), ("differenceLow", DifferenceLow), ("differenceHigh", DifferenceHigh)) with { Verdict = verdict };
    }

    private (string Verdict, string Text) Wording()
    {
        if (WarmUpUpdates == 0)
        {
            return ("no warm-up", Text($"The runs above had no warm-up (warmUpShare is 0), so at batch {BatchSize} both ways are the same runs: set warmUpShare above 0 to compare."));
        }

        var counts = Text($"At batch {BatchSize} the linear rule's learning rate of {LearningRate:0.###} left {UnstableWith} of {Seeds} runs unstable with a warm-up over the first {WarmUpUpdates} updates ") +
            Text($"and {UnstableWithout} of {Seeds} without one. ");
        var compared = double.IsFinite(DifferenceMean);
        var accuracy = compared
            ? Text($"Over the seeds that stayed stable both ways, test accuracy was {AccuracyWith:P1} with it and {AccuracyWithout:P1} without (with minus without, seed by seed: ") +
              Text($"{DifferenceMean * 100:+0.0;-0.0} points, 95 % interval {DifferenceLow * 100:+0.0;-0.0} to {DifferenceHigh * 100:+0.0;-0.0}). ")
            : "Fewer than two seeds stayed stable both ways, so there is no accuracy to compare. ";
        var (verdict, says) = UnstableWith < UnstableWithout
            ? ("warm-up kept runs stable", "The warm-up kept runs stable that were not without it: at a large rate the first updates, from random weights, overshoot, which is why Goyal et al. pair the linear rule with a gradual warm-up.")
            : UnstableWith > UnstableWithout ? ("more unstable with warm-up", "More runs were unstable with the warm-up than without on this run.")
            : UnstableWith == Seeds ? ("unstable either way", Text($"Every run was unstable either way: a warm-up of {WarmUpUpdates} updates does not make a rate of {LearningRate:0.###} usable for this model; the linear rule has outrun what it can take, as Goyal et al. saw on ImageNet beyond batch 8,192."))
            : !compared ? ("cannot say", "With as many unstable runs either way and no accuracy to compare, this run cannot say whether the warm-up helped.")
            : DifferenceLow > 0 ? ("warm-up raised accuracy", "With as many unstable runs either way, the warm-up still raised the accuracy (the interval excludes 0).")
            : DifferenceHigh < 0 ? ("warm-up lowered accuracy", "With as many unstable runs either way, the warm-up lowered the accuracy here (the interval excludes 0): a short run missed the full rate during its first updates.")
            : ("too close to call", "Too close to call on this run: the warm-up changed neither how many runs were unstable nor, beyond the seeds' noise, the accuracy.");
        return (verdict, counts + accuracy + says);
    }

    private static Dictionary<long, GridRun> RunsOf(GridResults grid, int batchSize, string name)
    {
        var runs = grid.Runs.Where(r => r.BatchSize == batchSize).ToDictionary(r => r.Seed);
        return runs.Count > 0 ? runs : throw new ArgumentException(Text($"{name} has no run of batch {batchSize}; its batch sizes are {string.Join(", ", grid.Runs.Select(r => r.BatchSize).Distinct())}."), name);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using BatchLearning.Data;
using BatchLearning.Findings;
using BatchLearning.Timing;
using static System.FormattableString;

namespace BatchLearning.Training;

/// <summary>
/// Notebook 02's statements about one model trained at several batch sizes for the same epochs, each worded from the run's numbers:
/// one update, speed against updates, the two smallest batches, and the first to reach a test accuracy (the recipe that follows is
/// <see cref="BatchSizing.TrainingRecipe"/>).
/// </summary>
public static class BatchSizeRunsReport
{
    /// <summary>One optimiser step on one batch: its loss before and after. The verdict: "lower" or "not lower".</summary>
    public static Finding OneUpdate(int batchSize, double lossBefore, double lossAfter)
    {
        Guard.InRange(batchSize, 1, int.MaxValue);
        var lower = lossAfter < lossBefore;
        var text = Invariant($"Loss on this batch of {batchSize}: {lossBefore:0.0000} before the update, {lossAfter:0.0000} after") +
            (lower ? ": one step downhill on the batch it was computed from."
                : ": the step did not lower it, so the learning rate overshot for this batch.");
        return Finding.Of("one update on one batch", text, ("batchSize", batchSize), ("lossBefore", lossBefore), ("lossAfter", lossAfter))
            with { Verdict = lower ? "lower" : "not lower" };
    }

    /// <summary>
    /// Samples a second against updates: the smallest and the largest batch's speeds (as the summary table computes them), the largest batch's updates
    /// and test loss, and the run with the lowest test loss. The verdict: "more updates lower" when the lowest loss came from a run with more updates
    /// than the largest batch's, "more updates not lower" otherwise.
    /// </summary>
    /// <param name="runs">The runs, smallest batch first and the largest (full) batch last, each with a test set and a finished epoch.</param>
    public static Finding UpdatesAndSpeed(IReadOnlyList<TrainingRun> runs)
    {
        Finished(runs);
        var (first, full) = (runs[0], runs[^1]);
        var lowest = runs.MinBy(r => r.Final!.TestLoss)!;
        var lower = lowest.Final!.TestLoss < full.Final!.TestLoss && lowest.Updates.Count > full.Updates.Count;
        var text = Invariant($"Samples per second: {first.SamplesPerSecond:N0} at batch {first.Options.BatchSize}, ") +
            Invariant($"{full.SamplesPerSecond:N0} at {full.Name}, as in the table. After {full.Epochs.Count} epochs, {full.Name} had made {full.Updates.Count:N0} updates ") +
            Invariant($"and ended at test loss {full.Final.TestLoss:0.000}") + (lowest == full
                ? "; no run ended lower. In this run more updates did not buy a lower loss."
                : Invariant($"; the lowest test loss was {lowest.Name}'s, {lowest.Final.TestLoss:0.000} after {lowest.Updates.Count:N0} updates. ") +
                  (lower ? "Many small updates beat one big update per epoch." : "In this run more updates did not buy a lower loss."));
        return Finding.Of("updates against speed", text,
            ("smallestBatchSamplesPerSecond", first.SamplesPerSecond), ("largestBatchSamplesPerSecond", full.SamplesPerSecond),
            ("largestBatchUpdates", full.Updates.Count), ("largestBatchTestLoss", full.Final.TestLoss),
            ("lowestTestLossBatch", lowest.Options.BatchSize), ("lowestTestLoss", lowest.Final.TestLoss), ("lowestTestLossUpdates", lowest.Updates.Count))
            with { Verdict = lower ? "more updates lower" : "more updates not lower" };
    }

    /// <summary>
    /// The two smallest batches at the end: which ended with the lower test loss (the verdict, "smaller lower" or "smaller higher"), and whether the
    /// smaller one's test loss had been more than 5 % lower at an earlier epoch (number "roseAgain", 1 or 0).
    /// </summary>
    /// <param name="smaller">The run with the smaller batch.</param>
    /// <param name="larger">The run with the larger batch.</param>
    /// <param name="learningRate">The learning rate both used, as the sentence names it.</param>
    public static Finding SmallestBatches(TrainingRun smaller, TrainingRun larger, double learningRate)
    {
        Finished([smaller, larger]);
        var (s, l) = (smaller.Final!, larger.Final!);
        var best = smaller.Epochs.MinBy(e => e.TestLoss)!;
        var roseAgain = best.Epoch < smaller.Epochs.Count && s.TestLoss > best.TestLoss * 1.05;
        var times = RatioWording.Times((double)smaller.Updates.Count / larger.Updates.Count);
        var text = Invariant($"At epoch {s.Epoch}, batch {smaller.Options.BatchSize}: test loss {s.TestLoss:0.000}, accuracy {s.TestAccuracy:P1}; ") +
            Invariant($"batch {larger.Options.BatchSize}: {l.TestLoss:0.000}, {l.TestAccuracy:P1}. ") + (s.TestLoss < l.TestLoss
                ? Invariant($"Batch {smaller.Options.BatchSize}, with {times} times the updates, ended lower. ")
                : Invariant($"Batch {smaller.Options.BatchSize}, despite {times} times the updates, ended higher: at one learning rate ({learningRate}) ") +
                  "for every batch size, the smallest batch takes the noisiest steps. ") + (roseAgain
                ? Invariant($"Its test loss was lowest at epoch {best.Epoch} ({best.TestLoss:0.000}) and rose again after: ") +
                  Invariant($"one rate for every batch size may be too high for batch {smaller.Options.BatchSize} late in training.")
                : Spike(smaller) is { } spike
                ? Invariant($"Its test loss spiked at epoch {spike.Epoch} ({spike.TestLoss:0.000}) and came back down, ending within 5 % of its lowest: small-batch steps are noisy.")
                : "Its test loss did not rise again late in the run.");
        return Finding.Of("the two smallest batches", text,
            ("smallerBatch", smaller.Options.BatchSize), ("smallerTestLoss", s.TestLoss), ("largerBatch", larger.Options.BatchSize), ("largerTestLoss", l.TestLoss),
            ("smallerBestEpoch", best.Epoch), ("smallerBestTestLoss", best.TestLoss), ("roseAgain", roseAgain ? 1 : 0))
            with { Verdict = s.TestLoss < l.TestLoss ? "smaller lower" : "smaller higher" };
    }

    /// <summary>
    /// The first run to reach <paramref name="target"/> test accuracy, in seconds of training, and how the full batch did. The verdict is the answer
    /// of notebook 02's question: "batch 1", "mini-batch" or "full batch" (the first run's kind, by its place among <paramref name="times"/>);
    /// "too close to call" when a run of another kind got there within <see cref="TooCloseShare"/> of its time (the runs are timed one after the
    /// other, so a busy moment of the machine can decide that much); "none" when no run got there.
    /// </summary>
    /// <param name="times">One row per run, smallest batch first and the full batch last (see <see cref="TimeToAccuracy.Of"/>).</param>
    /// <param name="target">The test accuracy the rows were computed for, as the sentence names it.</param>
    public static Finding FastestToAccuracy(IReadOnlyList<TimeToAccuracy> times, double target)
    {
        ArgumentNullException.ThrowIfNull(times);
        Guard.InRange(times.Count, 2, 10_000, nameof(times) + ".Count");
        var fastest = Fastest(times);
        var rival = RivalOf(fastest, times);
        var full = times[^1];
        var text = (fastest is null
                ? Invariant($"No run reached {target:P0} test accuracy. ")
                : Invariant($"Fastest to {target:P0} test accuracy: {fastest.Run}, after {Seconds(fastest.SecondsToTarget)} s of training. ")) +
            (rival is null ? ""
                : Invariant($"{Capitalised(rival.Run)} took {Seconds(rival.SecondsToTarget)} s, within {TooCloseShare:P0}: runs timed one after the other cannot tell ") +
                  "those two apart on a machine where other programs run. ") +
            (fastest == full || rival == full ? ""
                : full.SecondsToTarget is null
                ? Invariant($"{Capitalised(full.Run)} never got there (it ended at {full.FinalTestAccuracy:P1}).")
                : Invariant($"{Capitalised(full.Run)} took {Seconds(full.SecondsToTarget)} s."));
        return Finding.Of("first to the target accuracy", text.TrimEnd(),
            ("target", target), ("fastestBatch", fastest?.BatchSize ?? double.NaN), ("fastestSeconds", fastest?.SecondsToTarget ?? double.NaN),
            ("rivalSeconds", rival?.SecondsToTarget ?? double.NaN), ("fullBatch", full.BatchSize), ("fullBatchSeconds", full.SecondsToTarget ?? double.NaN),
            ("fullBatchFinalAccuracy", full.FinalTestAccuracy))
            with { Verdict = rival is null ? Kind(fastest, times) : "too close to call" };
    }

    /// <summary>How much later than the first a run of another kind may reach the target and still be too close to call: 15 %.</summary>
    public const double TooCloseShare = 0.15;

    /// <summary>
    /// Why the run that got there first did: the explanation an exercise shows beside <see cref="FastestToAccuracy"/>'s verdict, worded for that verdict,
    /// so it never argues for a batch size the run did not find fastest.
    /// </summary>
    public static string ExplainFastest(IReadOnlyList<TimeToAccuracy> times, double target)
    {
        var verdict = FastestToAccuracy(times, target).Verdict;
        var fastest = Fastest(times);
        var one = times[0];
        var batchOne = one.SecondsToTarget is { } oneSeconds ? Invariant($" (batch {one.BatchSize}: {Seconds(oneSeconds)} s)") : Invariant($" (batch {one.BatchSize} never got there)");
        return verdict switch
        {
            "none" => Invariant($"No run reached {target:P0} in this budget, so the question has no answer here: the shared learning rate suits none of them; retune it and run again."),
            "too close to call" => Invariant($"{Capitalised(fastest!.Run)} got there first, after {Seconds(fastest.SecondsToTarget)} s, but {RivalOf(fastest, times)!.Run} ") +
                "was too close behind to call on this run. Run the notebook again on a quieter machine, or compare the epochs, which do not depend on its speed.",
            "batch 1" => Invariant($"{Capitalised(fastest!.Run)} got there first, after {Seconds(fastest.SecondsToTarget)} s: here many cheap updates won. ") +
                "On this small model and data set a call costs little, so batch 1's slow samples mattered less than its updates; a larger model shifts this towards mini-batches.",
            "full batch" => Invariant($"{Capitalised(fastest!.Run)} got there first, after {Seconds(fastest.SecondsToTarget)} s, with one update per epoch: ") +
                "the rate suits its single averaged step, and the data set is small enough that an epoch is quick.",
            _ => Invariant($"{Capitalised(fastest!.Run)} got there first, after {Seconds(fastest.SecondsToTarget)} s{batchOne}. ") +
                "Batch 1 makes many updates but each is slow per sample; the full batch is fast per sample but makes one update per epoch; " +
                "a mini-batch gets both enough updates and a well-used processor.",
        };
    }

    /// <summary>A run's name for its batch size: "batch 32", or "full batch (1437)" when it is the whole data set.</summary>
    public static string RunName(int batchSize, int dataSetSize) =>
        batchSize >= dataSetSize ? Invariant($"full batch ({batchSize})") : Invariant($"batch {batchSize}");

    /// <summary>The explanation of how many updates an epoch makes: one per batch, the last one smaller when the batches do not divide the examples.</summary>
    public static string ExplainUpdatesPerEpoch(int examples, int batchSize)
    {
        var batches = MiniBatches.PerEpoch(examples, batchSize);
        var last = examples - (batches - 1) * batchSize;
        return Invariant($"one update per batch: {examples:N0} examples in batches of {batchSize} make {batches:N0} batches") +
            (last == batchSize ? ", all full." : Invariant($", the last one smaller ({last} examples)."));
    }

    // The epoch whose test loss most exceeded twice the lowest before it, if any did: a spike, here one the run recovered from.
    private static EpochRecord? Spike(TrainingRun run) => run.Epochs.Skip(1)
        .Where((e, i) => e.TestLoss > 2 * run.Epochs.Take(i + 1).Min(p => p.TestLoss))
        .MaxBy(e => e.TestLoss);

    internal static TimeToAccuracy? Fastest(IReadOnlyList<TimeToAccuracy> times) =>
        times.Where(t => t.SecondsToTarget is not null).MinBy(t => t.SecondsToTarget);

    // The fastest run of another kind (batch 1, mini-batch, full batch) when it reached the target within TooCloseShare of the fastest's time.
    internal static TimeToAccuracy? RivalOf(TimeToAccuracy? fastest, IReadOnlyList<TimeToAccuracy> times) => fastest is null ? null
        : times.Where(t => t.SecondsToTarget is { } s && Kind(t, times) != Kind(fastest, times) && s <= fastest.SecondsToTarget!.Value * (1 + TooCloseShare))
            .MinBy(t => t.SecondsToTarget);

    // Seconds to three decimals below a tenth of a second (a small run reaches the target in milliseconds), to two above.
    internal static string Seconds(double? seconds) => seconds is not { } s ? "never" : s < 0.1 ? Invariant($"{s:0.000}") : Invariant($"{s:0.00}");

    internal static string Capitalised(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Kind(TimeToAccuracy? fastest, IReadOnlyList<TimeToAccuracy> times) =>
        fastest is null ? "none" : fastest.BatchSize == 1 ? "batch 1" : fastest == times[^1] ? "full batch" : "mini-batch";

    internal static void Finished(IReadOnlyList<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Guard.InRange(runs.Count, 1, 10_000, nameof(runs) + ".Count");
        var unfinished = runs.FirstOrDefault(r => r.Final is null || r.Updates.Count == 0);
        if (unfinished is not null)
        {
            throw Guard.OutOfRange(nameof(runs), unfinished.Name, "runs that finished at least one epoch");
        }
    }
}

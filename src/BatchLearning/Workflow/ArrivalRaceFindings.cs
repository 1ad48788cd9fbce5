using System.Globalization;
using BatchLearning.Timing;

namespace BatchLearning.Workflow;

/// <summary>
/// What the first lesson states about its race (<see cref="ArrivalRaceResult"/>), each a <see cref="TimingFinding"/> worded for whatever the run
/// measured: the model alone (the comparison the lesson teaches from, and its prediction's check), turning text into features, the two end to end,
/// and the model on the machine's usual libtorch threads.
/// </summary>
public static class ArrivalRaceFindings
{
    /// <summary>The model alone, per email, on one libtorch thread. The course expects batches to win it.</summary>
    /// <param name="race">A measured race.</param>
    public static TimingFinding Model(ArrivalRaceResult race)
    {
        ArgumentNullException.ThrowIfNull(race);
        return Model(race.Model, race.BatchSize);
    }

    /// <summary>The model alone, per email, one at a time against batches of <paramref name="batchSize"/> (<see cref="ArrivalRace.ModelAlone"/>).</summary>
    /// <param name="model">The measured comparison.</param>
    /// <param name="batchSize">The batch size it was measured at.</param>
    public static TimingFinding Model(HeadToHeadResult model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reasons = new FindingReasons(
            FirstFaster: "On one thread a batch normally shares each call's fixed cost among its emails; this run measured the opposite, so compare the interval and the reference task: a run this noisy is worth repeating.",
            SecondFaster: $"Each call to the model pays a fixed cost (starting the work, reading all its weights from memory) that a batch of {batchSize} shares among its emails; the arithmetic per email is the same either way.",
            TooCloseToCall: "The rounds varied more than the two ways differed, so this run cannot say which is faster: run the cell again, on a quieter machine if the reference task says it was busy.");
        return TimingFinding.Of("The model alone", "email", model, reasons) with { ExpectedVerdict = HeadToHeadVerdict.SecondFaster };
    }

    /// <summary>Turning text into features, per email, one email per call against one batch per call.</summary>
    /// <param name="race">A measured race.</param>
    public static TimingFinding Featurize(ArrivalRaceResult race)
    {
        ArgumentNullException.ThrowIfNull(race);
        var reasons = new FindingReasons(
            FirstFaster: $"Counting words is the same work per email either way, but a batch builds one array of {race.BatchSize} x 4,096 numbers and copies it into a tensor: an array that size leaves the processor's fastest memory, where one email's 4,096 numbers stay.",
            SecondFaster: "Counting words is the same work per email either way; batches saved the small cost of each call.",
            TooCloseToCall: "Counting words is the same work per email either way, and the rounds could not tell the two apart.");
        return TimingFinding.Of("Turning text into numbers", "email", race.Featurize, reasons);
    }

    /// <summary>Text to category, per email: the two parts together, as the lesson's workflow runs them.</summary>
    /// <param name="race">A measured race.</param>
    public static TimingFinding EndToEnd(ArrivalRaceResult race)
    {
        ArgumentNullException.ThrowIfNull(race);
        var parts = string.Create(CultureInfo.InvariantCulture,
            $"in batches of {race.BatchSize} the model's part went from {race.Model.FirstMilliseconds:0.000} to {race.Model.SecondMilliseconds:0.000} ms per email and turning text into numbers from {race.Featurize.FirstMilliseconds:0.000} to {race.Featurize.SecondMilliseconds:0.000} ms");
        var reasons = new FindingReasons(
            FirstFaster: $"End to end, {parts}: together the two parts took longer in batches.",
            SecondFaster: $"End to end, {parts}: together the two parts took less time in batches.",
            TooCloseToCall: $"End to end, {parts}: together the two changes were too close for this run to tell.");
        return TimingFinding.Of("End to end (text to category)", "email", race.EndToEnd, reasons);
    }

    /// <summary>The model alone on the machine's usual libtorch threads, with what the thread count did to the one-thread comparison.</summary>
    /// <param name="race">A measured race.</param>
    public static TimingFinding ModelOnUsualThreads(ArrivalRaceResult race)
    {
        ArgumentNullException.ThrowIfNull(race);
        var threads = race.ModelOnUsualThreads.TorchThreads;
        var same = race.ModelOnUsualThreads.Verdict == race.Model.Verdict;
        var why = threads == 1
            ? "libtorch uses one thread here anyway, so this is the same comparison again."
            : $"A batched call splits its arithmetic over the {threads} threads and finishes when the last one does: when another program holds a core, a thread waits for it, and the whole call with it. "
              + (same ? "On this run the verdict stayed as on one thread." : "On this run that changed the verdict, which is why the course times on one thread.");
        var reasons = new FindingReasons(why, why, why);
        return TimingFinding.Of($"The model alone on {threads} libtorch thread{(threads == 1 ? "" : "s")}", "email", race.ModelOnUsualThreads, reasons);
    }

    /// <summary>The model alone in two batch sizes (<see cref="ArrivalRace.CompareBatchSizes"/>): how much a larger batch still saves.</summary>
    /// <param name="sizes">The measured comparison, the smaller batch size first.</param>
    public static TimingFinding BatchSizes(HeadToHeadResult sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var reasons = new FindingReasons(
            FirstFaster: $"The smaller batches won on this run: past a few emails per call the fixed cost is already shared, and {sizes.Second} also moves more data per call.",
            SecondFaster: $"{sizes.Second} share each call's fixed cost among more emails than {sizes.First}; the arithmetic per email is the same, so the gain shrinks as batches grow.",
            TooCloseToCall: $"{sizes.First} already share most of each call's fixed cost: beyond that the arithmetic per email dominates, and this run could not tell the two sizes apart.");
        return TimingFinding.Of("The model alone", "email", sizes, reasons);
    }

    /// <summary>Whether both ways gave every email the same category, as a sentence.</summary>
    /// <param name="race">A measured race.</param>
    public static string Categories(ArrivalRaceResult race)
    {
        ArgumentNullException.ThrowIfNull(race);
        return race.SameCategories
            ? $"Categories: identical both ways for all {race.Emails:N0} emails (batching changes when and at what cost, not what)."
            : $"Categories: NOT identical both ways for the {race.Emails:N0} emails (a bug: the same model should give the same answer).";
    }
}

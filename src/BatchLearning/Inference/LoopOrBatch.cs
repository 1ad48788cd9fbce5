using BatchLearning.Timing;
using static TorchSharp.torch;

namespace BatchLearning.Inference;

/// <summary>
/// Notebook 01's first measurement: a model scoring every input in a loop, one call per input, against one call with all of them,
/// timed interleaved by <see cref="HeadToHead"/> on the current libtorch threads, stated as a <see cref="TimingFinding"/>.
/// </summary>
public static class LoopOrBatch
{
    /// <summary>Times <paramref name="oneAtATime"/> against <paramref name="allAtOnce"/> (each scoring the same <paramref name="inputs"/> rows) and states the finding.</summary>
    /// <param name="oneAtATime">Scores every input with one call each (what each call allocates is freed after the round).</param>
    /// <param name="allAtOnce">Scores them all in one call.</param>
    /// <param name="inputs">How many inputs each way scores, from 1 to 1,000,000.</param>
    /// <param name="rounds">Timed rounds, from 6 (the fewest that give a verdict) to 1,000; defaults to 9.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count outside its range.</exception>
    public static TimingFinding Compare(Func<Tensor> oneAtATime, Func<Tensor> allAtOnce, int inputs, int rounds = 9)
    {
        ArgumentNullException.ThrowIfNull(oneAtATime);
        ArgumentNullException.ThrowIfNull(allAtOnce);
        Guard.InRange(inputs, 1, 1_000_000);
        Guard.InRange(rounds, 6, 1000);
        static Action Freed(Func<Tensor> work) => () =>
        {
            using var scope = NewDisposeScope();
            work();
        };

        var result = HeadToHead.Run(new ComparedWay("one at a time", inputs, Freed(oneAtATime)), new ComparedWay(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"one batch of {inputs:N0}"), inputs, Freed(allAtOnce)),
            new HeadToHeadOptions { Rounds = rounds, TorchThreads = get_num_threads() });
        return Finding(result);
    }

    /// <summary>The finding of a measured loop-or-batch comparison, worded for its verdict. The course expects the batch to win.</summary>
    /// <param name="result">The judged comparison, the loop first.</param>
    public static TimingFinding Finding(HeadToHeadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reasons = new FindingReasons(
            FirstFaster: "A loop of single calls should not beat one call doing the same arithmetic; this run measured the opposite, so compare the interval and the reference task: a run this noisy is worth repeating.",
            SecondFaster: "Each call pays a fixed cost (checking its arguments, choosing a routine, starting the work, reading the weights from memory) that one batch pays once for all its inputs; the arithmetic per input is the same either way.",
            TooCloseToCall: "The two ways were within 5 % of each other, or the rounds disagreed about which was faster, so this run cannot say: run the cell again, on a quieter machine if the reference task says it was busy.");
        return TimingFinding.Of("The model", "input", result, reasons) with { ExpectedVerdict = HeadToHeadVerdict.SecondFaster };
    }
}

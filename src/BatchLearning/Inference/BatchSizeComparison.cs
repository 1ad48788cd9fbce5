using System.Globalization;
using BatchLearning.Timing;
using static TorchSharp.torch;

namespace BatchLearning.Inference;

/// <summary>
/// Notebook 04's check of its profile: scoring the same rows one at a time against in batches of a chosen size (the profile's best),
/// timed interleaved by <see cref="HeadToHead"/> on the current libtorch threads and stated as a <see cref="TimingFinding"/>.
/// A profile times each size once per round, so one busy moment can crown a size; this comparison says whether the crowned size beats batch 1 on this run.
/// </summary>
public static class BatchSizeComparison
{
    /// <summary>Times a pass over every row of <paramref name="inputs"/> at batch 1 against a pass at <paramref name="batchSize"/>, and states the finding.</summary>
    /// <param name="model">The model, scored in evaluation mode without gradients.</param>
    /// <param name="inputs">The rows both ways score, from 1 to 1,000,000 of them, on the model's device.</param>
    /// <param name="batchSize">The batch size to compare with batch 1, from 2 to the number of rows.</param>
    /// <param name="rounds">Timed rounds, from 6 (the fewest that give a verdict) to 1,000; defaults to 9.</param>
    /// <param name="minimumSecondsPerRound">Timed seconds per way per round at least (passes repeat until reached), from 0 to 10; defaults to 0.03.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or size outside its range.</exception>
    public static TimingFinding Compare(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize, int rounds = 9, double minimumSecondsPerRound = 0.03)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var rows = (int)Guard.InRange(inputs.dim() == 0 ? 0 : inputs.shape[0], 1, 1_000_000, "inputs");
        if (batchSize < 2 || batchSize > rows)
        {
            throw Guard.OutOfRange(nameof(batchSize), batchSize, $"2 to the {rows.ToString(CultureInfo.InvariantCulture)} rows of inputs");
        }

        Guard.InRange(rounds, 6, 1000);
        Guard.InRange(minimumSecondsPerRound, 0, 10);
        model.eval();
        Action Pass(int size) => () =>
        {
            using var noGradients = no_grad();
            for (long start = 0; start < rows; start += size)
            {
                using var scope = NewDisposeScope();
                model.forward(inputs.narrow(0, start, Math.Min(size, rows - start)));
            }
        };

        var result = HeadToHead.Run(
            new ComparedWay("one at a time", rows, Pass(1)),
            new ComparedWay(string.Create(CultureInfo.InvariantCulture, $"batches of {batchSize}"), rows, Pass(batchSize)),
            new HeadToHeadOptions { Rounds = rounds, TorchThreads = get_num_threads(), MinimumSecondsPerRound = minimumSecondsPerRound });
        return Finding(result);
    }

    /// <summary>The finding of a judged comparison of batch 1 (first) against a larger batch (second). The course expects the batch to win.</summary>
    /// <param name="result">The judged comparison, one at a time first.</param>
    public static TimingFinding Finding(HeadToHeadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reasons = new FindingReasons(
            FirstFaster: "One item per call should not beat the same items in batches on the same thread; this run measured the opposite, so look at the interval and the reference task: the profile's best may have been crowned by a busy moment.",
            SecondFaster: "A call's fixed cost (checking arguments, choosing a routine, reading the weights from memory) is paid once per batch instead of once per item, so the larger batch wins when timed head to head.",
            TooCloseToCall: "The two were within 5 % of each other, or the rounds disagreed, so this run cannot say whether the larger batch beats batch 1: run the section again, on a quieter machine if the reference task says it was busy.");
        return TimingFinding.Of("The model", "item", result, reasons) with { ExpectedVerdict = HeadToHeadVerdict.SecondFaster };
    }
}

using System.Globalization;
using BatchLearning.Hardware;
using BatchLearning.Timing;
using static System.FormattableString;

namespace BatchLearning.Inference;

/// <summary>A model's inference speed per batch size, measured interleaved with the machine's ceiling (<see cref="BatchPredictor.ProfileAgainstCeiling"/>).</summary>
/// <param name="Ceiling">The ceiling sampled between the model's timings.</param>
/// <param name="Points">One profile per batch size, in the order given, each with its share of the ceiling.</param>
public sealed record CeilingProfile(MachineCeiling Ceiling, IReadOnlyList<InferenceProfile> Points)
{
    /// <summary>The batch size with the highest throughput in this profile (the first of equals).</summary>
    public InferenceProfile Highest => Points.MaxBy(p => p.ItemsPerSecond) ?? throw new InvalidOperationException("The profile has no points.");

    /// <summary>
    /// The profile in words, for every branch a run can take: batch 1 and its share of the ceiling; the highest throughput and what one batch of it costs in time
    /// (or that no larger batch beat batch 1); small batches slower than batch 1; points more than 5 % above the ceiling. It names no winner:
    /// a profile times each size once per round, and <see cref="BatchSizeComparison"/> judges the highest against batch 1 head to head.
    /// </summary>
    /// <exception cref="InvalidOperationException">The profile has no point at batch 1.</exception>
    public string Describe()
    {
        var one = Points.FirstOrDefault(p => p.BatchSize == 1) ?? throw new InvalidOperationException("The profile has no point at batch 1 to describe the others against.");
        var top = Highest;
        var slower = Points.Where(p => p.BatchSize is > 1 and <= 8 && p.ItemsPerSecond < one.ItemsPerSecond).ToList();
        var above = Points.Where(p => p.ShareOfCeiling > 1.05).Select(p => $"batch {p.BatchSize}").ToList();
        var text = Invariant($"Batch 1: {one.ItemsPerSecond:N0} items/s ({one.ShareOfCeiling:P0} of the ceiling). ") + (top.BatchSize == 1
            ? "No larger batch had a higher throughput than batch 1 in this profile: another program may have held the processor while the larger batches were timed."
            : Invariant($"Highest throughput in this profile: batch {top.BatchSize}, {top.ItemsPerSecond:N0} items/s ({top.ShareOfCeiling:P0} of the ceiling), ")
              + Invariant($"{RatioWording.Times(top.ItemsPerSecond / one.ItemsPerSecond)}x batch 1's, but one batch of {top.BatchSize} takes {Milliseconds(top.BatchMilliseconds)} ms ")
              + Invariant($"against {Milliseconds(one.BatchMilliseconds)} ms for one item."));
        if (slower.Count > 0)
        {
            text += " Some batches of 2 to 8 ran slower than batch 1 here (" + string.Join(", ", slower.Select(p => Invariant($"batch {p.BatchSize}: {p.ItemsPerSecond:N0} items/s")))
                + "): libtorch can pick a different code path for each shape, and another program may have held the processor.";
        }

        if (above.Count > 0)
        {
            var named = string.Join(", ", above);
            text += $" {char.ToUpperInvariant(named[0])}{named[1..]} landed above the ceiling: the timings missed a busy moment that the ceiling's samples met (another program took a core); run this section again.";
        }

        return text;
    }

    // Three significant figures, never in exponent form (a batch of a second or more reads "1234", not "1.23E+03").
    private static string Milliseconds(double value) => value.ToString(value >= 1000 ? "0" : "G3", CultureInfo.InvariantCulture);
}

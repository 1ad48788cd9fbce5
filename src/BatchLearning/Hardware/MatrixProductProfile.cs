using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Hardware;

/// <summary>Square matrix products of several sizes timed interleaved with the machine's ceiling (<see cref="MatrixProductBenchmark.MeasureAgainstCeiling"/>).</summary>
/// <param name="Ceiling">The ceiling sampled between the products' timings.</param>
/// <param name="Points">One measurement per size, in the order given, each with its share of the ceiling.</param>
public sealed record MatrixProductProfile(MachineCeiling Ceiling, IReadOnlyList<MatrixProductMeasurement> Points)
{
    /// <summary>
    /// The profile in words: the ceiling, the fastest size and its share of it, the smallest and the largest, and why the sizes past the fastest were
    /// not faster. A size more than 5 % above the ceiling is named (its timings missed a busy moment the ceiling's samples met), and so is a busy machine:
    /// the ceiling's own size with a median under half its best sample. The verdict says which size was fastest: "largest" or "smaller".
    /// </summary>
    /// <exception cref="InvalidOperationException">The profile has no points.</exception>
    public Finding Describe()
    {
        if (Points.Count == 0)
        {
            throw new InvalidOperationException("The profile has no points: measure at least one size.");
        }

        var fastest = Points.MaxBy(m => m.GigaflopsPerSecond)!;
        var (smallest, largest) = (Points.MinBy(m => m.Size)!, Points.MaxBy(m => m.Size)!);
        var atPeak = Points.FirstOrDefault(m => m.Size == Ceiling.PeakMatrixSize);
        var text = Invariant($"Ceiling: {Ceiling.PeakGigaflopsPerSecond:0} GFLOP/s (best of {Ceiling.Samples} samples, at n = {Ceiling.PeakMatrixSize}). ") +
            Invariant($"In the table the fastest size was n = {fastest.Size}, at {fastest.GigaflopsPerSecond:0} GFLOP/s ({fastest.ShareOfCeiling:P0} of the ceiling). ") +
            (fastest == smallest ? "" : Invariant($"The smallest, n = {smallest.Size}, reached {smallest.GigaflopsPerSecond:G3} GFLOP/s ({smallest.ShareOfCeiling:P0}). ")) +
            (fastest.Size == largest.Size
                ? "The largest product was the fastest: small products finish too quickly to keep every core busy."
                : Invariant($"The largest, n = {largest.Size}, reached {largest.ShareOfCeiling:P0}: past n = {fastest.Size} bigger was not faster in this run ") +
                  (fastest.Size >= 512
                      ? "(the matrices outgrow the processor's caches, or another program shared the cores while they ran)."
                      : "(products this small fit the processor's fastest caches, or another program shared the cores while the bigger ones ran).")) +
            (fastest.ShareOfCeiling <= 1.05 ? "" : Invariant($" n = {fastest.Size} landed above the ceiling: its timings missed a busy moment that the ceiling's samples met (another program took a core); run this section again.")) +
            (atPeak is null || atPeak.ShareOfCeiling >= 0.5 ? "" : Invariant($" n = {atPeak.Size}'s median reached only {atPeak.ShareOfCeiling:P0} of the best sample taken at that same size: another program held the cores in some rounds."));
        return Finding.Of("matrix products against the ceiling", text,
            ("ceilingGigaflopsPerSecond", Ceiling.PeakGigaflopsPerSecond), ("ceilingMatrixSize", Ceiling.PeakMatrixSize), ("fastestSize", fastest.Size),
            ("fastestShareOfCeiling", fastest.ShareOfCeiling), ("smallestSize", smallest.Size), ("largestSize", largest.Size), ("largestShareOfCeiling", largest.ShareOfCeiling),
            ("ceilingSizeShare", atPeak?.ShareOfCeiling ?? double.NaN)) with { Verdict = fastest.Size == largest.Size ? "largest fastest" : "smaller fastest" };
    }
}

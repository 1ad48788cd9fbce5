namespace BatchLearning.Hardware;

/// <summary>
/// This machine's ceilings as measured by <see cref="CeilingBenchmark"/>: the fastest square matrix product and the fastest read of a tensor far larger
/// than the caches, each the best of samples taken interleaved with the work compared against them.
/// </summary>
/// <param name="PeakGigaflopsPerSecond">The fastest matrix-product speed of any sample, in 10^9 floating-point operations per second.</param>
/// <param name="PeakMatrixSize">n of the n x n product that reached it.</param>
/// <param name="ReadGigabytesPerSecond">The fastest read bandwidth of any sample (bytes read per second, 10^9), or NaN when not measured.</param>
/// <param name="Samples">How many ceiling samples were taken (each size and the read count one each).</param>
/// <param name="Seconds">Wall-clock seconds the ceiling samples took.</param>
public sealed record MachineCeiling(double PeakGigaflopsPerSecond, int PeakMatrixSize, double ReadGigabytesPerSecond, int Samples, double Seconds)
{
    /// <summary>The ceiling's name on a chart: "ceiling: best matrix product (n = 512)".</summary>
    public string SeriesName => System.FormattableString.Invariant($"ceiling: best matrix product (n = {PeakMatrixSize})");

    /// <summary>The roofline of these two ceilings.</summary>
    /// <exception cref="InvalidOperationException">The read bandwidth was not measured.</exception>
    public Roofline ToRoofline() => double.IsFinite(ReadGigabytesPerSecond)
        ? new Roofline(PeakGigaflopsPerSecond, ReadGigabytesPerSecond)
        : throw new InvalidOperationException("The read bandwidth was not measured: measure the ceiling with bandwidth: true to draw a roofline.");
}

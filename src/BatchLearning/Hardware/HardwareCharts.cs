using BatchLearning.Charts;

namespace BatchLearning.Hardware;

/// <summary>Charts of hardware measurements, one call each.</summary>
public static class HardwareCharts
{
    /// <summary>Achieved GFLOP/s against matrix size (log axis): how fast this machine multiplies matrices.</summary>
    public static Chart ToChart(this IEnumerable<MatrixProductMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var points = measurements.OrderBy(m => m.Size).ToList();
        return Chart.Of(
            "Matrix-product speed on this machine",
            new Axis("matrix size n (n x n times n x n)", Logarithmic: true),
            new Axis("GFLOP/s"),
            new ChartSeries("measured", points.Select(p => (double)p.Size).ToList(), points.Select(p => p.GigaflopsPerSecond).ToList()));
    }

    /// <summary>Achieved GFLOP/s against matrix size (log axis), with the ceiling measured interleaved with them as a line.</summary>
    public static Chart ToChart(this MatrixProductProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var points = profile.Points.OrderBy(m => m.Size).ToList();
        var x = points.Select(p => (double)p.Size).ToList();
        return Chart.Of(
            "Matrix-product speed on this machine, against its ceiling",
            new Axis("matrix size n (n x n times n x n)", Logarithmic: true),
            new Axis("GFLOP/s"),
            new ChartSeries("measured (median round)", x, points.Select(p => p.GigaflopsPerSecond).ToList()),
            new ChartSeries($"ceiling: best sample (n = {profile.Ceiling.PeakMatrixSize})", x, x.Select(_ => profile.Ceiling.PeakGigaflopsPerSecond).ToList(), SeriesStyle.Lines));
    }
}

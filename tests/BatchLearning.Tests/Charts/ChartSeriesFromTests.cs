using BatchLearning.Charts;

namespace BatchLearning.Tests.Charts;

public sealed class ChartSeriesFromTests
{
    private sealed record Point(int BatchSize, double ItemsPerSecond);

    [Fact]
    public void A_series_from_records_takes_one_point_per_record_in_their_order()
    {
        Point[] points = [new(4, 40), new(1, 12.5), new(16, 90)];

        var series = ChartSeries.From(points, p => p.BatchSize, p => p.ItemsPerSecond, "items per second", SeriesStyle.Markers);

        Assert.Equal("items per second", series.Name);
        Assert.Equal([4.0, 1, 16], series.X);
        Assert.Equal([40, 12.5, 90], series.Y);
        Assert.Equal(SeriesStyle.Markers, series.Style);
    }

    [Fact]
    public void A_series_from_records_draws_lines_and_markers_unless_told_and_reads_the_sequence_once()
    {
        var reads = 0;
        IEnumerable<Point> Points()
        {
            reads++;
            yield return new Point(1, 2);
            yield return new Point(2, 3);
        }

        var series = ChartSeries.From(Points(), p => p.BatchSize, p => p.ItemsPerSecond, "once");

        Assert.Equal(1, reads);
        Assert.Equal(SeriesStyle.LinesAndMarkers, series.Style);
        Assert.Contains("\"x\":[1,2]", Chart.Of("t", new Axis("x"), new Axis("y"), series).ToPlotlyJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_from_no_records_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => ChartSeries.From(Array.Empty<Point>(), p => p.BatchSize, p => p.ItemsPerSecond, "empty"));

        Assert.Equal("points", error.ParamName);
        Assert.Contains("Series 'empty' has no points", error.Message);
    }
}

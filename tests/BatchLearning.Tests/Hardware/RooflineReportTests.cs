using BatchLearning.Hardware;

namespace BatchLearning.Tests.Hardware;

/// <summary>Notebook 01's roofline statements (issue 27): placement and every branch of their wording on fixed numbers.</summary>
public sealed class RooflineReportTests
{
    private static readonly Roofline Roof = new(100, 20); // ridge point 5 FLOP/byte

    [Fact]
    public void Points_are_placed_at_the_layer_s_intensity_under_the_roof_it_allows()
    {
        var points = RooflineReport.Place([1, 256], [new TimedPoint("batch 1", 1, 4, 0.04, 10, 1), new TimedPoint("batch 256", 1, 90, 0.9, 10, 1)], Roof, 4096, 4096);

        Assert.Equal(Roofline.DenseLayerIntensity(4096, 4096, 1), points[0].FlopsPerByte, 9);
        Assert.Equal(Roof.Attainable(points[0].FlopsPerByte), points[0].RoofGigaflopsPerSecond, 9);
        Assert.Equal(90 / points[1].RoofGigaflopsPerSecond, points[1].ShareOfRoof, 9);
        Assert.Throws<ArgumentException>(() => RooflineReport.Place([1, 2], [new TimedPoint("batch 1", 1, 4, 0.04, 10, 1)], Roof, 4, 4));
    }

    [Fact]
    public void Points_under_their_roofs_say_so_and_a_point_above_is_named_as_above()
    {
        var under = RooflineReport.DescribePoints([new RooflinePoint(1, 0.5, 9, 10, 0.9), new RooflinePoint(64, 30, 95, 100, 0.95)], Roof);
        var above = RooflineReport.DescribePoints([new RooflinePoint(1, 0.5, 14.2, 10, 1.42), new RooflinePoint(64, 30, 95, 100, 0.95)], Roof);

        Assert.Equal("under its roof", under.Verdict);
        Assert.Contains("Every point lies under its roof (within 5 %)", under.Text, StringComparison.Ordinal);
        Assert.Contains("it reached 80 % of its best only well past the ridge point.", under.Text, StringComparison.Ordinal);
        Assert.Equal("above its roof", above.Verdict);
        Assert.Contains("Batch 1 lies 42 % above its roof", above.Text.Replace("42%", "42 %", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_one_is_explained_as_memory_bound_left_of_the_ridge_and_compute_bound_right_of_it()
    {
        Assert.Contains("left of it, the roof is the bandwidth line", RooflineReport.ExplainBatchOne(new RooflinePoint(1, 0.5, 9, 10, 0.9), Roof), StringComparison.Ordinal);
        Assert.Contains("right of it, the roof is the compute ceiling", RooflineReport.ExplainBatchOne(new RooflinePoint(1, 6, 90, 100, 0.9), Roof), StringComparison.Ordinal);
    }

    [Fact]
    public void The_a100_comparison_uses_the_data_sheet_s_ridge_points()
    {
        var finding = RooflineReport.CompareWithA100(Roof);

        Assert.Equal(19_500.0 / 1_555, finding.Numbers["a100Float32RidgePoint"], 9);
        Assert.Equal(312_000.0 / 1_555, finding.Numbers["a100TensorRidgePoint"], 9);
        Assert.EndsWith(", against about 10 in float32 on this machine.", finding.Text, StringComparison.Ordinal);
    }
}

using BatchLearning.Tables;
using Microsoft.Data.Analysis;

namespace BatchLearning.Tests.Tables;

public sealed class DataFrameDisplayTests
{
    private sealed record Row(string Name, double Seconds, double? Accuracy, int Batch, double Loss, long Bytes);

    private static DataFrame Sample() => new[]
    {
        new Row("batch 1", 15.697245508982036, 0.91234, 1, 0.000012345, 123456789),
        new Row("batch 64", 1234.5, null, 64, double.NaN, 12),
    }.ToDataFrame();

    [Fact]
    public void Numbers_show_about_three_significant_figures_with_one_number_of_decimals_per_column()
    {
        var frame = Sample();

        Assert.Equal(["15.7", "1,235"], DataFrameDisplay.Cells(frame.Columns["Seconds"]));
        Assert.Equal(["0.912", DataFrameDisplay.Missing], DataFrameDisplay.Cells(frame.Columns["Accuracy"]));
        Assert.Equal(["1.23e-5", DataFrameDisplay.Missing], DataFrameDisplay.Cells(frame.Columns["Loss"]));
        Assert.Equal(["1", "64"], DataFrameDisplay.Cells(frame.Columns["Batch"]));
        Assert.Equal(["123,456,789", "12"], DataFrameDisplay.Cells(frame.Columns["Bytes"]));
        Assert.Equal(0, DataFrameDisplay.Decimals([2, 512, 1024]));
        Assert.Equal(3, DataFrameDisplay.Decimals([0.9, 0.912, 15.7]));
        Assert.Equal(2, DataFrameDisplay.Decimals([0.0123, 0.1504, 0.7706, 5.4552, 19.2473, 25.6512]));
        var gflops = new[] { new Row("r", 0, 0, 0, 0.0123, 0), new Row("r", 0, 0, 0, 5.4552, 0), new Row("r", 0, 0, 0, 25.6512, 0) }.ToDataFrame();
        Assert.Equal(["0.0123", "5.46", "25.65"], DataFrameDisplay.Cells(gflops.Columns["Loss"]));

        // Prices per 1,000 emails: $0.006 reads as 0.0060 beside 0.0120, not as 6e-3 (the site showed that once).
        var prices = new[] { new Row("r", 0, 0, 0, 0.0120, 0), new Row("r", 0, 0, 0, 0.0115, 0), new Row("r", 0, 0, 0, 0.006, 0) }.ToDataFrame();
        Assert.Equal(["0.0120", "0.0115", "0.0060"], DataFrameDisplay.Cells(prices.Columns["Loss"]));
        Assert.Equal("4.56e-4", DataFrameDisplay.Number(0.000456, 4));
    }

    [Fact]
    public void The_values_stay_as_they_were_only_the_display_changes()
    {
        var frame = Sample();

        Assert.Equal(15.697245508982036, (double)frame.Columns["Seconds"][0]!);
        Assert.Null(frame.Columns["Accuracy"][1]);
        Assert.True(double.IsNaN((double)frame.Columns["Loss"][1]!));
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["Seconds"]);
        Assert.IsType<ReadableDataFrame>(frame);
    }

    [Fact]
    public void The_html_form_has_no_null_or_NaN_and_scrolls_sideways_in_its_own_box()
    {
        var html = DataFrameDisplay.ToHtml(Sample());

        Assert.StartsWith("<div class=\"batchlearning-table\" style=\"overflow-x:auto;max-width:100%\">", html);
        Assert.DoesNotContain("null", html);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("15.697", html);
        Assert.Contains(">15.7</td>", html);
        Assert.Contains(">–</td>", html);
    }

    [Fact]
    public void The_text_form_is_aligned_and_rounded_the_same_way()
    {
        var text = Sample().ToString();
        var lines = text.TrimEnd().Split(Environment.NewLine);

        Assert.Equal(3, lines.Length);
        Assert.Contains("15.7", lines[1]);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("null", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(lines[1].IndexOf("15.7", StringComparison.Ordinal) + 4, lines[2].IndexOf("1,235", StringComparison.Ordinal) + 5);
    }

    [Fact]
    public void A_long_frame_shows_its_first_rows_and_says_how_many_there_are()
    {
        var frame = Enumerable.Range(0, 250).Select(i => new Row("r", i, 0.5, i, 1, i)).ToDataFrame();

        var html = DataFrameDisplay.ToHtml(frame);

        Assert.Equal(DataFrameDisplay.MostRowsShown + 1, html.Split("<tr>").Length - 1);
        Assert.Contains("The first 100 of 250 rows.", html);
    }

    [Fact]
    public void Infinities_read_as_such()
    {
        Assert.Equal("∞", DataFrameDisplay.Number(double.PositiveInfinity, 2));
        Assert.Equal("-∞", DataFrameDisplay.Number(double.NegativeInfinity, 2));
        Assert.Equal("0", DataFrameDisplay.Number(0, 0));
    }
}

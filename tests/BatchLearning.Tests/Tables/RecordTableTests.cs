using BatchLearning.Tables;
using Microsoft.Data.Analysis;

namespace BatchLearning.Tests.Tables;

public sealed class RecordTableTests
{
    private sealed record Row(string Name, int Count, double Seconds, bool Ok, long? Bytes);

    [Fact]
    public void Each_property_becomes_a_typed_column_in_declaration_order()
    {
        var frame = new[] { new Row("a", 1, 0.5, true, 10), new Row("b", 2, 1.5, false, null) }.ToDataFrame();

        Assert.Equal(["Name", "Count", "Seconds", "Ok", "Bytes"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["Name"]);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["Count"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["Seconds"]);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["Ok"]);
        Assert.Equal(2.0, (double)frame.Columns["Seconds"].Sum());
        Assert.Null(frame.Columns["Bytes"][1]);
        Assert.Equal("b", frame.Columns["Name"][1]);
    }

    private sealed record Dated(DateOnly Date, IReadOnlyDictionary<int, int> Counts, int[] Sizes);

    [Fact]
    public void Dates_read_as_ISO_and_collections_as_sorted_shortened_lists()
    {
        var counts = Enumerable.Range(1, 20).ToDictionary(i => 21 - i, i => i);

        var frame = new[] { new Dated(new DateOnly(2026, 11, 29), counts, [3, 1, 2]) }.ToDataFrame();

        Assert.Equal("2026-11-29", frame.Columns["Date"][0]);
        Assert.Equal("1: 20, 2: 19, 3: 18, 4: 17, 5: 16, 6: 15, 7: 14, 8: 13, 9: 12, 10: 11, 11: 10, 12: 9, ... (20 in all)", frame.Columns["Counts"][0]);
        Assert.Equal("3, 1, 2", frame.Columns["Sizes"][0]);
    }

    [Fact]
    public void No_records_give_an_empty_table_with_the_columns()
    {
        var frame = Array.Empty<Row>().ToDataFrame();

        Assert.Equal(5, frame.Columns.Count);
        Assert.Equal(0, frame.Rows.Count);
    }
}

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

    [Fact]
    public void No_records_give_an_empty_table_with_the_columns()
    {
        var frame = Array.Empty<Row>().ToDataFrame();

        Assert.Equal(5, frame.Columns.Count);
        Assert.Equal(0, frame.Rows.Count);
    }
}

using BatchLearning.Tables;

namespace BatchLearning.Tests.Tables;

public sealed class TablesBadInputTests
{
    [Fact]
    public void Negative_decimals_are_refused_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataFrameDisplay.Number(1.5, -1));

        Assert.Equal("decimals", error.ParamName);
        Assert.Equal(-1, error.ActualValue);
    }

    private sealed record Row(string Name, double Value);

    [Fact]
    public void A_null_record_is_refused_naming_its_position()
    {
        var error = Assert.Throws<ArgumentException>(() => new[] { new Row("a", 1), null!, new Row("c", 3) }.ToDataFrame());

        Assert.Equal("records", error.ParamName);
        Assert.Contains("Record 1 is null", error.Message);
        Assert.Throws<ArgumentNullException>(() => ((IEnumerable<Row>)null!).ToDataFrame());
    }
}

using BatchLearning.Tables;

namespace BatchLearning.Tests.Tables;

/// <summary>A null record in the list is named by its position instead of failing deep inside reflection.</summary>
public sealed class TablesBadInputTests
{
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

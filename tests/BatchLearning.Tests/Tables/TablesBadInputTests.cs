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
}

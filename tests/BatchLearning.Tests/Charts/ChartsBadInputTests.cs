using BatchLearning.Charts;

namespace BatchLearning.Tests.Charts;

public sealed class ChartsBadInputTests
{
    [Theory]
    [InlineData("1chart")]
    [InlineData("chart'); alert(1); ('")]
    [InlineData("")]
    public void An_element_id_that_is_not_a_plain_name_is_refused_naming_it(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => PlotlyHtml.Draw("{\"data\":[]}", id, "plotly.min.js"));

        Assert.Equal("elementId", error.ParamName);
        Assert.Contains("letters, digits", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void A_figure_that_is_not_a_JSON_object_is_refused(string figure)
    {
        var error = Assert.Throws<ArgumentException>(() => PlotlyHtml.Draw(figure, "chart-1", "plotly.min.js"));

        Assert.Equal("figureJson", error.ParamName);
    }

    [Fact]
    public void An_empty_plotly_url_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PlotlyHtml.Draw("{}", "chart-1", " "));

        Assert.Equal("plotlyScriptUrl", error.ParamName);
    }
}

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

    [Fact]
    public void A_log_axis_with_no_value_above_zero_is_refused_instead_of_drawing_an_empty_chart()
    {
        var chart = new Chart("waits", new Axis("batch size"), new Axis("seconds", Logarithmic: true), [new ChartSeries("s", [1, 2], [0, -1])]);

        var error = Assert.Throws<ArgumentException>(() => chart.ToPlotlyJson());

        Assert.Contains("the y axis 'seconds' is logarithmic, but none of its 2 values is above 0", error.Message);
    }

    [Fact]
    public void A_log_axis_with_some_values_above_zero_is_drawn()
    {
        var chart = new Chart("waits", new Axis("batch size", Logarithmic: true), new Axis("seconds"), [new ChartSeries("s", [0, 2], [1, 1])]);

        Assert.Contains("\"log\"", chart.ToPlotlyJson(), StringComparison.Ordinal);
    }
}

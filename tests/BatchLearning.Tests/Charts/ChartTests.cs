using System.Text.Json.Nodes;
using BatchLearning.Charts;

namespace BatchLearning.Tests.Charts;

public sealed class ChartTests
{
    private static Chart Sample() => Chart.Of(
        "Throughput vs batch size",
        new Axis("batch size", Logarithmic: true),
        new Axis("items/s"),
        new ChartSeries("model", [1, 2, 4], [10, 19.5, double.NaN]),
        new ChartSeries("ceiling", [1, 4], [50, 50], SeriesStyle.Lines, ErrorY: [1, 2]));

    [Fact]
    public void The_plotly_figure_has_one_trace_per_series_with_its_points_and_the_axes_types()
    {
        var figure = JsonNode.Parse(Sample().ToPlotlyJson())!;

        var traces = figure["data"]!.AsArray();
        Assert.Equal(2, traces.Count);
        Assert.Equal("model", (string?)traces[0]!["name"]);
        Assert.Equal("lines+markers", (string?)traces[0]!["mode"]);
        Assert.Equal([1.0, 2.0, 4.0], traces[0]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("lines", (string?)traces[1]!["mode"]);
        Assert.Equal([1.0, 2.0], traces[1]!["error_y"]!["array"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("log", (string?)figure["layout"]!["xaxis"]!["type"]);
        Assert.Equal("linear", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("Throughput vs batch size", (string?)figure["layout"]!["title"]!["text"]);
    }

    [Fact]
    public void A_value_that_is_not_finite_becomes_a_gap_because_JSON_has_no_NaN()
    {
        var y = JsonNode.Parse(Sample().ToPlotlyJson())!["data"]![0]!["y"]!.AsArray();

        Assert.Null(y[2]);
        Assert.Equal(19.5, (double)y[1]!);
    }

    [Fact]
    public void The_html_form_draws_the_same_figure_into_its_own_element()
    {
        var chart = Sample();

        var first = chart.ToHtml();
        var second = chart.ToHtml();

        Assert.Contains(chart.ToPlotlyJson(), first);
        Assert.Contains("newPlot", first);
        Assert.Contains(Chart.PlotlyScriptUrl, first);
        string Id(string html) => html.Split("id=\"")[1].Split('"')[0];
        Assert.NotEqual(Id(first), Id(second));
    }

    [Fact]
    public void Series_whose_lists_differ_in_length_are_refused_naming_the_series()
    {
        var chart = Chart.Of("t", new Axis("x"), new Axis("y"), new ChartSeries("short", [1, 2, 3], [1, 2]));

        var error = Assert.Throws<ArgumentException>(() => chart.ToPlotlyJson());

        Assert.Contains("'short'", error.Message);
        Assert.Equal("Y", error.ParamName);
    }

    [Fact]
    public void A_chart_without_series_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Chart.Of("empty", new Axis("x"), new Axis("y")).ToPlotlyJson());

        Assert.Contains("no series", error.Message);
    }

    [Fact]
    public void A_band_series_draws_a_filled_polygon_around_its_line()
    {
        var chart = Chart.Of("band", new Axis("x"), new Axis("y"), new ChartSeries("mean", [1, 2, 3], [5, 6, 7], SeriesStyle.LinesWithBand, ErrorY: [1, 0.5, 2]));

        var traces = JsonNode.Parse(chart.ToPlotlyJson())!["data"]!.AsArray();

        Assert.Equal(2, traces.Count);
        Assert.Equal("toself", (string?)traces[0]!["fill"]);
        Assert.Equal([1.0, 2, 3, 3, 2, 1], traces[0]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([6.0, 6.5, 9, 5, 5.5, 4], traces[0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([5.0, 6, 7], traces[1]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Throws<ArgumentException>(() => Chart.Of("no band", new Axis("x"), new Axis("y"), new ChartSeries("mean", [1], [5], SeriesStyle.LinesWithBand)).ToPlotlyJson());
    }

    [Fact]
    public void A_heat_map_carries_one_value_per_cell_and_blanks_missing_ones()
    {
        var chart = Chart.Of("heat", new Axis("batch"), new Axis("lr"), new ChartSeries("loss", [8, 64], [0.1, 0.1], SeriesStyle.HeatMap, Z: [0.3, double.NaN]));

        var trace = JsonNode.Parse(chart.ToPlotlyJson())!["data"]![0]!;

        Assert.Equal("heatmap", (string?)trace["type"]);
        Assert.Equal(0.3, (double)trace["z"]![0]!);
        Assert.Null(trace["z"]![1]);
        Assert.Throws<ArgumentException>(() => Chart.Of("heat", new Axis("b"), new Axis("l"), new ChartSeries("loss", [8], [0.1], SeriesStyle.HeatMap)).ToPlotlyJson());
    }
}

public sealed class ChartLayoutTests
{
    [Fact]
    public void A_long_title_is_wrapped_and_left_aligned_so_it_stays_clear_of_the_toolbar_with_room_above_the_plot()
    {
        var title = "Time to reach 90% test accuracy by batch size, with the learning rate scaled linearly and a warm-up of five epochs";
        var layout = JsonNode.Parse(Chart.Of(title, new Axis("x"), new Axis("y"), new ChartSeries("s", [1], [1])).ToPlotlyJson())!["layout"]!;

        var lines = ((string)layout["title"]!["text"]!).Split("<br>");
        Assert.True(lines.Length >= 2);
        Assert.All(lines, line => Assert.True(line.Length <= Chart.TitleLineLength, line));
        Assert.Equal(title, string.Join(" ", lines));
        Assert.Equal("left", (string?)layout["title"]!["xanchor"]);
        Assert.True((int)layout["margin"]!["t"]! >= 36 + (24 * lines.Length));
    }

    [Fact]
    public void A_log_axis_labels_few_well_spaced_whole_numbers_such_as_batch_sizes_at_the_values_themselves()
    {
        Assert.Equal([1.0, 8, 64, 512], Chart.LogTickValues([1, 8, 64, 512, 64]));
        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024], Chart.LogTickValues([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]));
    }

    [Fact]
    public void A_log_axis_of_measured_values_is_labelled_in_1_2_5_steps_or_decades_not_with_small_digit_labels()
    {
        Assert.Equal([1000.0, 2000, 5000, 10000, 20000, 50000, 100000], Chart.LogTickValues([950.5, 6500.2, 41000.7, 101000.1]));
        Assert.Equal([3000.0, 4000], Chart.LogTickValues([2950.5, 4100.2]));
        var decades = Chart.LogTickValues([0.001, 1e7]);
        Assert.InRange(decades.Count, 3, 8);
        Assert.All(decades, v => Assert.Equal(Math.Round(Math.Log10(v)), Math.Log10(v), 9));
        Assert.Empty(Chart.LogTickValues([0, -1, double.NaN]));
    }

    [Fact]
    public void A_log_axis_carries_its_tick_values_in_the_figure_and_a_linear_one_does_not()
    {
        var figure = JsonNode.Parse(Chart.Of("t", new Axis("batch", Logarithmic: true), new Axis("loss"), new ChartSeries("s", [8, 64], [1.5, 2.5])).ToPlotlyJson())!["layout"]!;

        Assert.Equal("array", (string?)figure["xaxis"]!["tickmode"]);
        Assert.Equal([8.0, 64], figure["xaxis"]!["tickvals"]!.AsArray().Select(v => (double)v!));
        Assert.Null(figure["yaxis"]!["tickvals"]);
    }

    [Fact]
    public void The_html_form_loads_plotly_through_one_shared_promise_and_hides_an_AMD_define_while_it_loads()
    {
        var html = Chart.Of("t", new Axis("x"), new Axis("y"), new ChartSeries("s", [1], [1])).ToHtml("plotly.min.js");

        Assert.Contains("window." + PlotlyHtml.LoaderGlobal, html);
        Assert.Contains("window.define.amd", html);
        Assert.DoesNotContain("require(", html);
        Assert.Contains("url = \"plotly.min.js\"", html);
        Assert.Contains(PlotlyHtml.NoteClass, html);
    }

    [Fact]
    public void A_title_cannot_close_the_script_element_early()
    {
        var html = Chart.Of("a </script><b>", new Axis("x"), new Axis("y"), new ChartSeries("s", [1], [1])).ToHtml();

        Assert.Equal(1, html.Split("</script>").Length - 1);
    }
}

using BatchLearning.Charts;
using BatchLearning.Notebook;
using BatchLearning.Tables;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Lessons;

/// <summary>The console display of lessons: command line, values as text, and the HTML page.</summary>
public sealed class LessonConsoleTests
{
    private static readonly string[] Declared = ["seed", "quiz1", "guess"];

    private sealed record Measurement(int Size, double Seconds, string Label);

    private static (LessonConsole Lesson, StringWriter Output, string Page) NewLesson(params string[] args)
    {
        var page = Path.Combine(Repository.NewTemporaryFolder(), "lessons", "09-demo.html");
        var output = new StringWriter();
        var lesson = new LessonConsole("09-demo", LessonArguments.Parse(args, "09-demo", Declared), output, new LessonPage(page, "09 · Demo", "lessons/09-demo.cs"), liveInPlace: false);
        lesson.Begin("09 · Demo", plotly: null);
        return (lesson, output, page);
    }

    [Fact]
    public void Param_values_are_read_with_the_declared_type_and_the_notebook_value_stays_when_none_is_given()
    {
        var (lesson, _, _) = NewLesson("--param", "seed=7", "--param=quiz1=b");

        Assert.Equal(7, lesson.Parameter("seed", 2026));
        Assert.Equal("b", lesson.Parameter<string?>("quiz1", null));
        Assert.Null(lesson.Parameter<double?>("guess", null));
    }

    [Theory]
    [InlineData(new[] { "--param", "nope=1" }, "09-demo has no parameter 'nope'. Its parameters: seed, quiz1, guess.")]
    [InlineData(new[] { "--param", "seed" }, "--param takes NAME=VALUE")]
    [InlineData(new[] { "--param", "seed=1", "--param", "seed=2" }, "--param seed is given twice")]
    [InlineData(new[] { "--fast" }, "09-demo takes --param NAME=VALUE (repeatable) and --help; got '--fast'.")]
    public void Bad_usage_is_refused_naming_what_is_wrong(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => LessonArguments.Parse(args, "09-demo", Declared));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("-3", -3)]
    public void Whole_numbers_convert_and_other_text_does_not(string text, int expected)
    {
        Assert.Equal(expected, LessonArguments.Convert<int>("seed", text, "09-demo"));
        var error = Assert.Throws<ArgumentException>(() => LessonArguments.Convert<int>("seed", text + ".5", "09-demo"));
        Assert.Contains($"in 09-demo, seed is a whole number (for example 7); '{text}.5' is not.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_use_a_point_whatever_the_culture_null_fits_only_nullable_types_and_text_is_kept_as_given()
    {
        Assert.Equal(2.5, LessonArguments.Convert<double>("rate", "2.5", "09-demo"));
        Assert.Equal(2.5, LessonArguments.Convert<double?>("rate", " 2.5 ", "09-demo"));
        Assert.Null(LessonArguments.Convert<double?>("rate", "null", "09-demo"));
        Assert.Null(LessonArguments.Convert<string>("quiz1", "null", "09-demo"));
        Assert.Equal(" b ", LessonArguments.Convert<string>("quiz1", " b ", "09-demo"));
        Assert.True(LessonArguments.Convert<bool>("flag", "true", "09-demo"));
        Assert.Throws<ArgumentException>(() => LessonArguments.Convert<double>("rate", "null", "09-demo"));
        Assert.Throws<ArgumentException>(() => LessonArguments.Convert<double>("rate", "NaN", "09-demo"));
        Assert.Throws<ArgumentException>(() => LessonArguments.Convert<bool>("flag", "yes", "09-demo"));
    }

    [Fact]
    public void A_record_shows_as_its_properties_and_a_list_of_records_as_an_aligned_table()
    {
        var (lesson, output, _) = NewLesson();

        lesson.Show(new Measurement(1024, 0.123456, "big"));
        lesson.Show(new[] { new Measurement(8, 1.5, "small"), new Measurement(1024, 12.25, "big") });
        lesson.Show(new { Emails = 20_000, MeanSeconds = 150.4 });

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("Size     1024", lines);
        Assert.Contains("Seconds  0.123", lines);
        Assert.Contains("Label    big", lines);
        var header = Array.FindIndex(lines, l => l.StartsWith("Size  Seconds", StringComparison.Ordinal));
        Assert.True(header > 0, output.ToString());
        Assert.Equal(lines[header].Length, lines[header + 1].Length); // aligned: numbers right-aligned under their headers
        Assert.EndsWith("small", lines[header + 1], StringComparison.Ordinal);
        Assert.Contains("Emails       20,000", lines);
        Assert.Contains("MeanSeconds  150", lines);
    }

    [Fact]
    public void A_section_heading_prints_only_before_something_shown_under_it()
    {
        var (lesson, output, _) = NewLesson();

        lesson.Section("Parameters");
        lesson.Section("Your first batch");
        lesson.Show("A sentence.");
        lesson.Section("References");
        lesson.Finish();

        var text = output.ToString();
        Assert.DoesNotContain("## Parameters", text, StringComparison.Ordinal);
        Assert.Contains("## Your first batch\nA sentence.", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("## References", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_are_named_on_the_console_and_drawn_on_the_page_with_their_data_beside_the_tables_and_sentences()
    {
        var (lesson, output, page) = NewLesson();
        var chart = Chart.Of("Throughput<br>by batch", new Axis("batch"), new Axis("items/s"), new ChartSeries("measured", [1, 2, 4], [10, 19, 37]));

        lesson.Show(chart);
        lesson.Show(new[] { new Measurement(8, 1.5, "small") }.ToDataFrame());
        lesson.Show("Batching was 3.7x faster.");
        lesson.Finish();

        Assert.Contains("[chart 1: Throughput by batch; drawn in ", output.ToString(), StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"chart-1\" class=\"batchlearning-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[10,19,37]", html, StringComparison.Ordinal);
        Assert.Contains("<th style=\"text-align:right;padding:2px 8px\">Size</th>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>Batching was 3.7x faster.</pre>", html, StringComparison.Ordinal);
        Assert.Contains("lessons/09-demo.cs: done in ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_display_prints_its_last_state_before_the_next_output_when_the_console_is_not_a_terminal()
    {
        var (lesson, output, _) = NewLesson();

        var update = lesson.ShowLive("training: epoch 1");
        update("training: epoch 2");
        update("training: done");
        lesson.Show("After training.");

        Assert.Equal(["training: done", "After training."], output.ToString().ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.StartsWith("training", StringComparison.Ordinal)).Where(l => l.Length > 0));
    }
}

using System.Text.Json.Nodes;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>The papermill-style parameters: declarations read from the tagged cell, values checked and injected after it (no kernel needed).</summary>
public sealed class NotebookParametersTests
{
    private const string Declarations = """
        int seed = 2026;             // a knob
        var windowMinutes = 5;
        double realTimeMaxDelayMs = 2;
        double? myMeanWaitSeconds = null; // an exercise answer
        string myPrediction = null;
        bool verbose = false;
        """;

    private static NotebookDocument Notebook(string? parametersSource = Declarations)
    {
        var cells = new JsonArray(
            Cell("code", "#r \"nuget: BatchLearning, 0.1.0\""),
            Cell("markdown", "## Parameters"));
        if (parametersSource is not null)
        {
            cells.Add(Cell("code", parametersSource, "parameters"));
        }

        cells.Add(Cell("code", "seed"));
        var path = Path.Combine(Repository.NewTemporaryFolder(), "sample.ipynb");
        File.WriteAllText(path, new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = cells }.ToJsonString());
        return NotebookDocument.Load(path);
    }

    private static JsonObject Cell(string type, string source, string? tag = null) => new()
    {
        ["cell_type"] = type,
        ["metadata"] = tag is null ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tag) },
        ["source"] = source,
        ["outputs"] = new JsonArray(),
    };

    private static KeyValuePair<string, string> Given(string name, string value) => new(name, value);

    [Fact]
    public void The_parameters_cell_declares_names_kinds_and_defaults()
    {
        var declared = NotebookParameters.Declared(Notebook());

        Assert.Equal(["seed", "windowMinutes", "realTimeMaxDelayMs", "myMeanWaitSeconds", "myPrediction", "verbose"], declared.Select(p => p.Name));
        Assert.Equal(
            [NotebookParameterKind.Integer, NotebookParameterKind.Integer, NotebookParameterKind.Number, NotebookParameterKind.Number, NotebookParameterKind.Text, NotebookParameterKind.Boolean],
            declared.Select(p => p.Kind));
        Assert.Equal([false, false, false, true, true, false], declared.Select(p => p.Nullable));
        Assert.Equal("null", declared.Single(p => p.Name == "myMeanWaitSeconds").Default);
    }

    [Fact]
    public void Given_values_become_assignments_in_a_cell_after_the_parameters_cell()
    {
        var document = Notebook();
        var values = NotebookParameters.ParseAssignments(["myMeanWaitSeconds=290", "myPrediction=larger \"quoted\"", "seed=7", "verbose=true"]);

        var injected = document.WithCellAfter(NotebookParameters.ParametersTag, NotebookParameters.InjectedTag, NotebookParameters.InjectedSource(document, values));

        Assert.Equal(document.Cells.Count + 1, injected.Cells.Count);
        var cell = injected.Cells[3];
        Assert.True(cell.IsCode);
        Assert.Contains(NotebookParameters.InjectedTag, cell.Tags);
        Assert.Contains("myMeanWaitSeconds = 290d;", cell.Source);
        Assert.Contains("myPrediction = \"larger \\u0022quoted\\u0022\";", cell.Source);
        Assert.Contains("seed = 7;", cell.Source);
        Assert.Contains("verbose = true;", cell.Source);
        Assert.Equal("seed", injected.Cells[4].Source);
        Assert.Equal("7", NotebookParameters.Injected(injected)["seed"]);
    }

    [Fact]
    public void An_answer_can_be_set_back_to_null_but_a_knob_cannot()
    {
        var document = Notebook();
        Assert.Contains("myMeanWaitSeconds = null;", NotebookParameters.InjectedSource(document, [Given("myMeanWaitSeconds", "null")]));
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.InjectedSource(document, [Given("seed", "null")]));
        Assert.Contains("whole number", error.Message);
    }

    [Theory]
    [InlineData("seed", "abc", "seed is a whole number")]
    [InlineData("seed", "2.5", "seed is a whole number")]
    [InlineData("realTimeMaxDelayMs", "2,5", "'.' as the decimal point")]
    [InlineData("realTimeMaxDelayMs", "NaN", "finite number")]
    [InlineData("realTimeMaxDelayMs", "Infinity", "finite number")]
    [InlineData("verbose", "yes", "true or false")]
    [InlineData("window", "5", "has no parameter 'window'. Its parameters: seed, windowMinutes")]
    public void A_value_that_does_not_fit_is_refused_with_the_name_and_what_fits(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.InjectedSource(Notebook(), [Given(name, value)]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_takes_no_values()
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.InjectedSource(Notebook(null), [Given("seed", "1")]));
        Assert.Contains("no code cell tagged 'parameters'", error.Message);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("=5")]
    [InlineData("my seed=5")]
    [InlineData("1seed=5")]
    public void An_argument_that_is_not_name_equals_value_is_refused(string argument)
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.ParseAssignments([argument]));
        Assert.Contains("NAME=VALUE", error.Message);
    }

    [Fact]
    public void A_name_given_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.ParseAssignments(["seed=1", "seed=2"]));
        Assert.Contains("given twice", error.Message);
    }

    [Fact]
    public void Every_course_notebook_has_one_parameters_cell_and_every_cell_has_a_unique_id()
    {
        foreach (var path in CourseRunner.FindNotebooks(Repository.Layout.Notebooks))
        {
            var document = NotebookDocument.Load(path);
            Assert.True(document.Cells.Count(c => c.IsCode && c.Tags.Contains(NotebookParameters.ParametersTag)) == 1, $"{document.Name} needs one parameters cell.");
            var ids = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Select(c => (string?)c!["id"]).ToList();
            Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id), $"{document.Name}: a cell has no id (nbformat 4.5 requires one)."));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }
}

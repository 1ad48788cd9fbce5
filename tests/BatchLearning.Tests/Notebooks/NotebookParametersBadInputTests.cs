using System.Text.Json.Nodes;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>--param values checked against the declared C# type's range and written as its literal (no kernel needed).</summary>
public sealed class NotebookParametersBadInputTests
{
    private const string Declarations = """
        int seed = 2026;
        long wideSeed = 1;
        var windowMinutes = 5;
        float share = 0.5f;
        decimal pricePerMillion = 2.50m;
        var ratio = 0.5f;
        double delayMs = 2;
        """;

    private static NotebookDocument Notebook()
    {
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray("parameters") },
            ["source"] = Declarations,
            ["outputs"] = new JsonArray(),
        };
        var path = Path.Combine(Repository.NewTemporaryFolder(), "sample.ipynb");
        File.WriteAllText(path, new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = new JsonArray(cell) }.ToJsonString());
        return NotebookDocument.Load(path);
    }

    private static string Injected(string name, string value) => NotebookParameters.InjectedSource(Notebook(), [new(name, value)]);

    [Theory]
    [InlineData("share", "0.25", "share = 0.25f;")]
    [InlineData("ratio", "0.25", "ratio = 0.25f;")]
    [InlineData("pricePerMillion", "0.25", "pricePerMillion = 0.25m;")]
    [InlineData("delayMs", "0.25", "delayMs = 0.25d;")]
    [InlineData("wideSeed", "99999999999", "wideSeed = 99999999999;")]
    [InlineData("seed", "-2147483648", "seed = -2147483648;")]
    public void A_value_is_written_as_the_literal_of_its_declared_type(string name, string value, string expected)
    {
        Assert.Contains(expected, Injected(name, value));
    }

    [Theory]
    [InlineData("seed", "99999999999", "valid range: -2,147,483,648 to 2,147,483,647")]
    [InlineData("windowMinutes", "2147483648", "valid range: -2,147,483,648 to 2,147,483,647")]
    [InlineData("share", "1e39", "a float; valid range:")]
    [InlineData("pricePerMillion", "1e30", "a decimal; valid range:")]
    [InlineData("wideSeed", "99999999999999999999", "a long; valid range:")]
    public void A_value_outside_its_types_range_is_refused_before_the_kernel_naming_the_range(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Injected(name, value));

        Assert.Contains($"--param {name}={value}", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_var_declared_with_a_float_or_whole_literal_takes_that_type()
    {
        var declared = NotebookParameters.Declared(Notebook());

        Assert.Equal("int", declared.Single(p => p.Name == "windowMinutes").Type);
        Assert.Equal("float", declared.Single(p => p.Name == "ratio").Type);
        Assert.Equal(NotebookParameterKind.Number, declared.Single(p => p.Name == "pricePerMillion").Kind);
    }

    [Theory]
    [InlineData("1e39", "Valid range for a float:")]
    [InlineData("-1e39", "Valid range for a float:")]
    public void A_lesson_refuses_a_float_value_beyond_the_floats_range_instead_of_infinity(string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => BatchLearning.Notebook.LessonArguments.Convert<float>("share", value, "00-first-workflow"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_lesson_refuses_an_int_value_beyond_the_ints_range_naming_the_range()
    {
        var error = Assert.Throws<ArgumentException>(() => BatchLearning.Notebook.LessonArguments.Convert<int>("seed", "99999999999", "00-first-workflow"));

        Assert.Contains("Valid range for an int: -2,147,483,648 to 2,147,483,647.", error.Message);
    }
}

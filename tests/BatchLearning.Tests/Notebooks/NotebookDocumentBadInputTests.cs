using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>A notebook file whose fields hold the wrong kind of value is refused naming the file and the field (no kernel needed).</summary>
public sealed class NotebookDocumentBadInputTests
{
    private static InvalidDataException Refused(string json)
    {
        var path = Path.Combine(Repository.NewTemporaryFolder(), "broken.ipynb");
        File.WriteAllText(path, json);
        var error = Assert.Throws<InvalidDataException>(() => NotebookDocument.Load(path));
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void A_cell_type_that_is_a_number_is_refused_naming_the_file_and_the_field()
    {
        var error = Refused("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"markdown","source":"x"},{"cell_type":3,"source":"y"}]}""");

        Assert.Contains("cells[1].cell_type is 3", error.Message);
    }

    [Fact]
    public void A_source_line_that_is_not_text_is_refused_naming_it()
    {
        var error = Refused("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","source":["a\n", 7]}]}""");

        Assert.Contains("cells[0].source[1] is 7", error.Message);
    }

    [Fact]
    public void An_nbformat_that_is_text_is_refused_as_not_nbformat_4()
    {
        var error = Refused("""{"nbformat":"4","metadata":{},"cells":[]}""");

        Assert.Contains("is not a notebook in nbformat 4", error.Message);
    }
}

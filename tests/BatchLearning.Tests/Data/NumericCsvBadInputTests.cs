using BatchLearning.Data;

namespace BatchLearning.Tests.Data;

/// <summary>NumericCsv's header rule is explicit: a data line with an empty or misspelt first cell is reported, not dropped as a header.</summary>
public sealed class NumericCsvBadInputTests
{
    private static FormatException Refused(string csv, bool? hasHeader = null) =>
        Assert.Throws<FormatException>(() => NumericCsv.Read(new StringReader(csv), "bad.csv", hasHeader: hasHeader));

    [Theory]
    [InlineData(",2,0\n1,2,1\n", "bad.csv line 1, column 1: the cell is empty")]
    [InlineData("x1,2,0\n1,2,1\n", "bad.csv line 1, column 1: 'x1' is not a finite number")]
    [InlineData("1,2,0\n,2,1\n", "bad.csv line 2, column 1: the cell is empty")]
    [InlineData("1,,0\n", "bad.csv line 1, column 2: the cell is empty")]
    public void A_data_line_with_an_empty_or_misspelt_cell_is_refused_not_taken_for_a_header(string csv, string expected)
    {
        // Before: a first line whose first cell was not a number was skipped as a header, losing a sample silently.
        Assert.Contains(expected, Refused(csv).Message);
    }

    [Fact]
    public void Only_the_first_line_can_be_a_header()
    {
        var error = Refused("a,b,label\nc,d,e\n1,2,0\n");

        Assert.Contains("line 2, column 1: 'c' is not a finite number", error.Message);
    }

    [Fact]
    public void A_decimal_comma_file_is_told_to_use_a_point()
    {
        var error = Refused("x1;x2;label\n1,5;2,25;0\n3,0;4,5;1\n");

        Assert.Contains("line 2, column 1: '1,5' is written with a decimal comma, which is not supported", error.Message);
        Assert.Contains("write decimals with '.' (for example 1.5)", error.Message);

        // Without a header too, rather than "holds no data lines".
        Assert.Contains("decimal comma", Refused("1,5;2,25;0\n").Message);
    }

    [Fact]
    public void A_header_with_numeric_names_can_be_declared()
    {
        var csv = "0,1,label\n0.5,1.5,1\n2,3,0\n";

        Assert.Contains("pass hasHeader: true", Refused(csv).Message);
        using var data = NumericCsv.Read(new StringReader(csv), "pixels.csv", hasHeader: true);
        Assert.Equal(2, data.Count);
        using var headless = NumericCsv.Read(new StringReader("1,2,0\n3,4,1\n"), "plain.csv", hasHeader: false);
        Assert.Equal(2, headless.Count);
        Assert.Contains("line 1, column 1: 'x' is not a finite number", Refused("x,y,label\n1,2,0\n", hasHeader: false).Message);
    }

    [Fact]
    public void A_label_column_below_minus_one_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NumericCsv.Read(new StringReader("1,2,0\n"), "a.csv", labelColumn: -2));

        Assert.Equal("labelColumn", error.ParamName);
        Assert.Contains("-1 (the last column) or a column index from 0", error.Message);
    }

    [Fact]
    public void A_plain_file_named_gz_is_refused_naming_it_and_what_to_do()
    {
        var path = Path.Combine(BatchLearning.Tests.Support.Repository.NewTemporaryFolder(), "digits.csv.gz");
        File.WriteAllText(path, "1,2,0\n");

        var error = Assert.Throws<InvalidDataException>(() => NumericCsv.Load(path));

        Assert.Contains("digits.csv.gz' ends in .gz but is not gzip data", error.Message);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Findings;

namespace BatchLearning.Tests.Findings;

public sealed class FindingTests
{
    [Fact]
    public void A_finding_writes_its_topic_verdict_and_numbers_as_json_with_a_number_that_is_not_finite_as_null()
    {
        var finding = Finding.Of("a topic", "The sentence.", ("ratio", 2.5), ("missing", double.NaN)) with { Verdict = "lower" };

        var json = JsonNode.Parse(finding.ToJson())!.AsObject();

        Assert.Equal("a topic", (string?)json["topic"]);
        Assert.Equal("lower", (string?)json["verdict"]);
        Assert.Equal(2.5, (double)json["numbers"]!["ratio"]!);
        Assert.Null(json["numbers"]!["missing"]);
        Assert.Equal("The sentence.", finding.ToString());
        Assert.Contains("The sentence.<details>", finding.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("ratio: 2.5", finding.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("verdict: lower", finding.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Its_page_form_shows_each_number_to_four_significant_digits_never_a_raw_double()
    {
        var html = Finding.Of("a topic", "The sentence.", ("difference", 2.384185791015625E-07), ("rate", 10819.361030176278)).ToHtml();

        // What a reader sees: the sentence and the rounded numbers. The element's data-finding attribute keeps every digit for tools and tests.
        var shown = Regex.Replace(html, "data-finding=\"[^\"]*\"", "");
        Assert.Contains("difference: 2.384E-07", shown, StringComparison.Ordinal);
        Assert.Contains("rate: 10,819", shown, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\.\d{12,}|\d{13,}", shown);
        var data = Regex.Match(html, "data-finding=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(10819.361030176278, JsonNode.Parse(WebUtility.HtmlDecode(data))!["numbers"]!["rate"]!.GetValue<double>());
    }

    [Fact]
    public void A_finding_without_numbers_or_with_a_name_twice_is_refused_by_name()
    {
        var none = Assert.Throws<ArgumentException>(() => Finding.Of("a topic", "The sentence."));
        var twice = Assert.Throws<ArgumentException>(() => Finding.Of("a topic", "The sentence.", ("x", 1), ("x", 2)));
        Assert.Throws<ArgumentException>(() => Finding.Of(" ", "The sentence.", ("x", 1)));

        Assert.Equal("numbers", none.ParamName);
        Assert.Equal("numbers", twice.ParamName);
        Assert.Contains("'x' was given 2 times", twice.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0604, 1, 6.1)]
    [InlineData(0.032, 0, 4)]
    [InlineData(0.05, 0, 5)]
    [InlineData(0.0, 0, 0)]
    public void A_within_share_is_rounded_up_never_to_minus_zero(double share, int decimals, double expected)
    {
        var percent = Percent.UpTo(share, decimals);

        Assert.Equal(expected, percent, 9);
        Assert.False(double.IsNegative(percent));
    }
}

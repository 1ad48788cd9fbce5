using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Site;

/// <summary>
/// Rounds the raw floating-point numbers a kernel prints (a record's default display shows 194.63331336784805) to four significant digits
/// in the outputs a page shows: text, HTML outside scripts, never a chart's data. The notebook offered for download keeps every digit.
/// </summary>
internal static partial class ShownNumbers
{
    private const int SignificantDigits = 4;

    /// <summary>The output (a Jupyter output object) with its shown numbers rounded; charts' JSON and scripts untouched.</summary>
    public static void Round(JsonObject output)
    {
        if (output["text"] is JsonValue stream && stream.TryGetValue<string>(out var text))
        {
            output["text"] = RoundIn(text);
        }

        if (output["data"] is not JsonObject data)
        {
            return;
        }

        foreach (var mime in new[] { "text/plain", "text/markdown" })
        {
            if (data[mime] is JsonValue value && value.TryGetValue<string>(out var shown))
            {
                data[mime] = RoundIn(shown);
            }
        }

        if (data["text/html"] is JsonValue html && html.TryGetValue<string>(out var markup))
        {
            data["text/html"] = RoundOutsideScripts(markup);
        }
    }

    /// <summary><paramref name="text"/> with every decimal number of more than six decimals rounded to four significant digits (whole numbers kept whole).</summary>
    public static string RoundIn(string text) => LongDecimal().Replace(text, match =>
    {
        var value = double.Parse(match.Value, CultureInfo.InvariantCulture);
        var integerDigits = Math.Abs(value) < 1 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var decimals = integerDigits == 0 ? SignificantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value) + double.Epsilon)) : SignificantDigits - integerDigits;
        return Math.Round(value, Math.Clamp(decimals, 0, 15)).ToString("0.###############", CultureInfo.InvariantCulture);
    });

    private static string RoundOutsideScripts(string markup)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        foreach (Match script in Script().Matches(markup))
        {
            result.Append(RoundIn(markup[position..script.Index])).Append(script.Value);
            position = script.Index + script.Length;
        }

        return result.Append(RoundIn(markup[position..])).ToString();
    }

    [GeneratedRegex(@"(?<![\w.])-?\d+\.\d{7,}(?![\d.eE])")]
    private static partial Regex LongDecimal();

    [GeneratedRegex(@"<script\b[\s\S]*?</script>", RegexOptions.IgnoreCase)]
    private static partial Regex Script();
}

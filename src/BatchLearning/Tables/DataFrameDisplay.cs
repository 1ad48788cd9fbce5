using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace BatchLearning.Tables;

/// <summary>
/// How a <see cref="DataFrame"/> reads in a notebook, the course runner's pages and a console: numbers rounded to about
/// three significant figures with one number of decimals per column, missing values (null, NaN) as a dash,
/// and in HTML a table that scrolls sideways inside its own box instead of running past the page.
/// Only the display changes: the frame's values stay as they are.
/// </summary>
public static class DataFrameDisplay
{
    /// <summary>What a missing value (null or NaN) shows as.</summary>
    public const string Missing = "–";

    /// <summary>The most rows shown; a note under the table gives the count of the rest.</summary>
    public const int MostRowsShown = 100;

    /// <summary>The cells of <paramref name="column"/> as shown, one string per row (at most <paramref name="rows"/>).</summary>
    /// <param name="column">The column.</param>
    /// <param name="rows">How many rows, from the first; all when null.</param>
    public static IReadOnlyList<string> Cells(DataFrameColumn column, long? rows = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var count = (int)Math.Min(rows ?? column.Length, column.Length);
        var values = Enumerable.Range(0, count).Select(i => column[i]).ToList();
        if (IsFloating(column))
        {
            var numbers = values.Select(v => v is null ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
            var decimals = Decimals(numbers);
            return numbers.Select(n => Number(n, double.IsFinite(n) && n != Math.Round(n) ? Math.Max(decimals, Math.Min(DecimalsFor(n), MostDecimals)) : decimals)).ToList();
        }

        return values.Select(Text).ToList();
    }

    /// <summary>
    /// <paramref name="value"/> with <paramref name="decimals"/> decimals (thousands separated); a dash for NaN;
    /// a value under 0.001 that would need two or more decimals beyond <see cref="MostDecimals"/> for three significant figures (under 0.0001) as for example 1.23e-5:
    /// 0.006 stays 0.0060, as a price per 1,000 emails reads.
    /// </summary>
    public static string Number(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(value))
        {
            return Missing;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        if (value != 0 && (DecimalsFor(value) > MostDecimals + 1 || Math.Abs(value) >= 1e15))
        {
            return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        }

        var shown = Math.Min(decimals, 15);
        return Math.Round(value, shown, MidpointRounding.AwayFromZero).ToString("N" + shown.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The most decimals a column shows.</summary>
    public const int MostDecimals = 4;

    /// <summary>
    /// The decimals a column shows: enough for three significant figures of its typical (median-size) value
    /// (2 for 1.23, 3 for 0.123, 0 from 100 up and for whole numbers), at most <see cref="MostDecimals"/>.
    /// A smaller value in the column keeps its own three significant figures (see <see cref="Cells"/>).
    /// </summary>
    public static int Decimals(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.All(v => v == Math.Round(v)))
        {
            return 0;
        }

        var magnitudes = finite.Where(v => v != 0).Select(Math.Abs).Order().ToList();
        return Math.Min(DecimalsFor(magnitudes[magnitudes.Count / 2]), MostDecimals);
    }

    private static int DecimalsFor(double value) => Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));

    /// <summary>The frame as an HTML table inside a box that scrolls sideways when the table is wider than the page.</summary>
    public static string ToHtml(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var shown = Math.Min(frame.Rows.Count, MostRowsShown);
        var columns = frame.Columns.Select(c => (Column: c, Cells: Cells(c, shown), Right: IsNumeric(c))).ToList();
        var html = new StringBuilder();
        html.Append("<div class=\"batchlearning-table\" style=\"overflow-x:auto;max-width:100%\">")
            .Append("<table style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\"><thead><tr>");
        foreach (var (column, _, right) in columns)
        {
            html.Append($"<th style=\"text-align:{(right ? "right" : "left")};padding:2px 8px\">{Encode(column.Name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var row = 0; row < shown; row++)
        {
            html.Append("<tr>");
            foreach (var (_, cells, right) in columns)
            {
                html.Append($"<td style=\"text-align:{(right ? "right" : "left")};padding:2px 8px\">{Encode(cells[row])}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        if (frame.Rows.Count > shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:.25em 0\">The first {shown:N0} of {frame.Rows.Count:N0} rows.</p>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>The frame as aligned plain text (numbers right-aligned), with the same cells as <see cref="ToHtml"/>.</summary>
    public static string ToText(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var shown = Math.Min(frame.Rows.Count, MostRowsShown);
        var columns = frame.Columns.Select(c => (Cells: new[] { c.Name }.Concat(Cells(c, shown)).ToList(), Right: IsNumeric(c))).ToList();
        var widths = columns.Select(c => c.Cells.Max(s => s.Length)).ToList();
        var text = new StringBuilder();
        for (var row = 0; row <= shown; row++)
        {
            var line = string.Join("  ", columns.Select((c, i) => c.Right ? c.Cells[row].PadLeft(widths[i]) : c.Cells[row].PadRight(widths[i])));
            text.AppendLine(line.TrimEnd());
        }

        if (frame.Rows.Count > shown)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"(the first {shown:N0} of {frame.Rows.Count:N0} rows)"));
        }

        return text.ToString();
    }

    private static bool IsFloating(DataFrameColumn column) => column.DataType == typeof(double) || column.DataType == typeof(float);

    private static bool IsNumeric(DataFrameColumn column) =>
        column.DataType != typeof(string) && column.DataType != typeof(bool) && column.DataType != typeof(char) && column.DataType != typeof(DateTime);

    private static string Text(object? value) => value switch
    {
        null => Missing,
        int or long or short => Math.Abs(Convert.ToInt64(value, CultureInfo.InvariantCulture)) >= 10_000
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture)
            : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using BatchLearning.Findings;
using BatchLearning.Tables;
using BatchLearning.Timing;
using Microsoft.Data.Analysis;

namespace BatchLearning.Notebook;

/// <summary>
/// How a lesson shows a value that a notebook cell would display: a DataFrame as an aligned table, a list of records as a table with one row per
/// record, one record (or anonymous object) as a list of its properties, text as it is, and anything else as its invariant-culture text.
/// Numbers are rounded as in <see cref="DataFrameDisplay"/>. Charts are not handled here (see <see cref="LessonConsole"/>).
/// </summary>
internal static class LessonValueText
{
    /// <summary>The value as console text (no trailing line break).</summary>
    public static string Text(object? value)
    {
        if (value is TimingFinding finding)
        {
            return finding.Text;
        }

        if (value is Finding statement)
        {
            return statement.Text;
        }

        var table = AsTable(value);
        return table is null ? Plain(value) : IsOneRecord(value) ? Properties(table) : DataFrameDisplay.ToText(table).TrimEnd();
    }

    /// <summary>The value as an HTML fragment for the lesson's page.</summary>
    public static string Html(object? value)
    {
        if (value is TimingFinding finding)
        {
            return finding.ToHtml();
        }

        if (value is Finding statement)
        {
            return statement.ToHtml();
        }

        var table = AsTable(value);
        return table is null ? $"<pre>{WebUtility.HtmlEncode(Plain(value))}</pre>" : IsOneRecord(value) ? PropertiesHtml(table) : DataFrameDisplay.ToHtml(table);
    }

    private static bool IsOneRecord(object? value) => value is not null and not DataFrame && IsRecord(value.GetType());

    // A DataFrame as it is; a list of records, or one record, as a frame (RecordTable's columns and rounding); null for anything else.
    private static DataFrame? AsTable(object? value)
    {
        switch (value)
        {
            case null or string:
                return null;
            case DataFrame frame:
                return frame;
        }

        var type = value.GetType();
        if (IsRecord(type))
        {
            var one = Array.CreateInstance(type, 1);
            one.SetValue(value, 0);
            return ToFrame(type, one);
        }

        var element = ElementType(type);
        return value is IEnumerable items && element is not null && IsRecord(element) ? ToFrame(element, items) : null;
    }

    private static DataFrame ToFrame(Type element, IEnumerable items)
    {
        var typed = typeof(Enumerable).GetMethod(nameof(Enumerable.Cast))!.MakeGenericMethod(element).Invoke(null, [items]);
        return (DataFrame)typeof(RecordTable).GetMethod(nameof(RecordTable.ToDataFrame))!.MakeGenericMethod(element).Invoke(null, [typed])!;
    }

    // A type shown property by property: a class or struct of ours or of the notebook (a record, an anonymous object), not a framework type.
    private static bool IsRecord(Type type) =>
        !type.IsPrimitive && !type.IsEnum && type != typeof(string) && type != typeof(decimal)
        && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true
        && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.CanRead && p.GetIndexParameters().Length == 0);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Properties(DataFrame record)
    {
        var rows = record.Columns.Select(c => (c.Name, Value: DataFrameDisplay.Cells(c, 1)[0])).ToList();
        var width = rows.Max(r => r.Name.Length);
        return string.Join(Environment.NewLine, rows.Select(r => $"{r.Name.PadRight(width)}  {r.Value}"));
    }

    private static string PropertiesHtml(DataFrame record)
    {
        var html = new StringBuilder("<div class=\"table-scroll\"><table>");
        foreach (var column in record.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:left\">{WebUtility.HtmlEncode(column.Name)}</th>")
                .Append(CultureInfo.InvariantCulture, $"<td>{WebUtility.HtmlEncode(DataFrameDisplay.Cells(column, 1)[0])}</td></tr>");
        }

        return html.Append("</table></div>").ToString();
    }

    private static string Plain(object? value) => value switch
    {
        null => "(null)",
        string text => text,
        double number => DataFrameDisplay.Number(number, DataFrameDisplay.Decimals([number])),
        IEnumerable items => Joined(items.Cast<object?>().Select(i => System.Convert.ToString(i, CultureInfo.InvariantCulture) ?? "").ToList()),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private const int MostItemsShown = 20;

    private static string Joined(List<string> items) =>
        items.Count <= MostItemsShown ? string.Join(", ", items) : $"{string.Join(", ", items.Take(MostItemsShown))}, ... ({items.Count.ToString("N0", CultureInfo.InvariantCulture)} in all)";
}

using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;

namespace BatchLearning.Tables;

/// <summary>Turns a list of result records into a <see cref="DataFrame"/>, one column per public property, in declaration order.</summary>
public static class RecordTable
{
    /// <summary>
    /// One row per record. Numbers and booleans keep their type (so the notebook can sort and filter them);
    /// anything else becomes text. The frame is a <see cref="ReadableDataFrame"/>: it shows its numbers rounded
    /// and missing values as a dash (<see cref="DataFrameDisplay"/>), while its values stay as they are.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no public readable properties, or a record is null.</exception>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.ToList();
        var missing = rows.FindIndex(row => row is null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Record {missing} is null: every row needs a {typeof(T).Name}.", nameof(records));
        }
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        if (properties.Count == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties to turn into columns.", nameof(records));
        }

        return new ReadableDataFrame(properties.Select(p => Column(p, rows)));
    }

    private const int MostEntriesShown = 12;

    // Dates read as yyyy-MM-dd; lists and dictionaries as "a, b" and "key: value, ..." (sorted by key, at most 12 entries);
    // anything else as its invariant-culture text.
    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        System.Collections.IDictionary map => Entries(map.Keys.Cast<object>().OrderBy(k => k).Select(k => $"{Convert.ToString(k, CultureInfo.InvariantCulture)}: {Convert.ToString(map[k], CultureInfo.InvariantCulture)}").ToList()),
        System.Collections.IEnumerable items => Entries(items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "").ToList()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Entries(List<string> entries) =>
        entries.Count <= MostEntriesShown
            ? string.Join(", ", entries)
            : $"{string.Join(", ", entries.Take(MostEntriesShown))}, ... ({entries.Count} in all)";

    private static DataFrameColumn Column<T>(PropertyInfo property, List<T> rows)
    {
        var values = rows.Select(row => property.GetValue(row)).ToList();
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(double) => new DoubleDataFrameColumn(property.Name, values.Select(v => (double?)v)),
            _ when type == typeof(float) => new SingleDataFrameColumn(property.Name, values.Select(v => (float?)v)),
            _ when type == typeof(int) => new Int32DataFrameColumn(property.Name, values.Select(v => (int?)v)),
            _ when type == typeof(long) => new Int64DataFrameColumn(property.Name, values.Select(v => (long?)v)),
            _ when type == typeof(bool) => new BooleanDataFrameColumn(property.Name, values.Select(v => (bool?)v)),
            _ => new StringDataFrameColumn(property.Name, values.Select(Text)),
        };
    }
}

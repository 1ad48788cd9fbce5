using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;

namespace BatchLearning.Tables;

/// <summary>Turns a list of result records into a <see cref="DataFrame"/>, one column per public property, in declaration order.</summary>
public static class RecordTable
{
    /// <summary>
    /// One row per record. Numbers and booleans keep their type (so the notebook can sort and filter them);
    /// anything else becomes text.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no public readable properties.</exception>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.ToList();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        if (properties.Count == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties to turn into columns.", nameof(records));
        }

        return new DataFrame(properties.Select(p => Column(p, rows)));
    }

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
            _ => new StringDataFrameColumn(property.Name, values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))),
        };
    }
}

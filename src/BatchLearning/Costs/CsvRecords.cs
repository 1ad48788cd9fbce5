using System.Globalization;
using System.Text;

namespace BatchLearning.Costs;

/// <summary>
/// Reads a small CSV file with a header row (RFC 4180: commas, double quotes, "" for a quote inside quotes) into rows of
/// named fields, with errors that name the file, the line and the column.
/// </summary>
internal sealed class CsvRecords
{
    private readonly string _source;
    private readonly Dictionary<string, int> _columns;

    private CsvRecords(string source, Dictionary<string, int> columns, List<(int Line, string[] Fields)> rows)
    {
        _source = source;
        _columns = columns;
        Rows = rows;
    }

    /// <summary>Data rows with their 1-based line numbers.</summary>
    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Parses <paramref name="text"/>, requiring every column in <paramref name="requiredColumns"/>.</summary>
    /// <exception cref="InvalidDataException">The file is empty, a required column is missing, or a row has the wrong number of fields.</exception>
    public static CsvRecords Parse(string source, string text, IReadOnlyList<string> requiredColumns)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var rows = new List<(int, string[])>();
        string[]? header = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = SplitLine(lines[i], source, i + 1);
            if (header is null)
            {
                header = fields.Select(f => f.Trim()).ToArray();
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{source}, line {i + 1}: {fields.Length} fields where the header has {header.Length} ({string.Join(", ", header)}).");
            }

            rows.Add((i + 1, fields));
        }

        return new CsvRecords(source, Columns(source, header, requiredColumns), rows);
    }

    // The header's column indexes by name, once every required column is there.
    private static Dictionary<string, int> Columns(string source, string[]? header, IReadOnlyList<string> requiredColumns)
    {
        if (header is null)
        {
            throw new InvalidDataException($"{source} is empty: it needs a header row with the columns {string.Join(", ", requiredColumns)}.");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < header.Length; index++)
        {
            if (!columns.TryAdd(header[index], index))
            {
                throw new InvalidDataException($"{source}, line 1: the column '{header[index]}' appears twice in the header (columns {columns[header[index]] + 1} and {index + 1}); give each column once.");
            }
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{source} lacks the column(s) {string.Join(", ", missing)}; it needs {string.Join(", ", requiredColumns)}.");
        }

        return columns;
    }

    /// <summary>The text of <paramref name="column"/>; refuses an empty field.</summary>
    public string Text((int Line, string[] Fields) row, string column)
    {
        var value = row.Fields[_columns[column]].Trim();
        return value.Length > 0 ? value : throw new InvalidDataException($"{_source}, line {row.Line}: {column} is missing.");
    }

    /// <summary>The number in <paramref name="column"/>, at least 0; refuses an empty, malformed or negative field.</summary>
    public double NonNegative((int Line, string[] Fields) row, string column)
    {
        var text = Text(row, column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InvalidDataException($"{_source}, line {row.Line}: {column} is '{text}', not a number.");
        }

        return value >= 0 ? value : throw new InvalidDataException($"{_source}, line {row.Line}: {column} is {text}; it must be 0 or more.");
    }

    /// <summary>The number in <paramref name="column"/>, from 0 to <paramref name="maximum"/>; refuses an empty, malformed or out-of-range field.</summary>
    public double AtMost((int Line, string[] Fields) row, string column, double maximum, string unit)
    {
        var value = NonNegative(row, column);
        return value <= maximum
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{_source}, line {row.Line}: {column} is {Text(row, column)}; it must be from 0 to {maximum} {unit}."));
    }

    /// <summary>The number in <paramref name="column"/>, more than 0 and at most <paramref name="maximum"/>; refuses an empty, malformed or out-of-range field.</summary>
    public double PositiveAtMost((int Line, string[] Fields) row, string column, double maximum, string unit)
    {
        var value = NonNegative(row, column);
        return value > 0 && value <= maximum
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{_source}, line {row.Line}: {column} is {Text(row, column)}; it must be more than 0 and at most {maximum} {unit}."));
    }

    /// <summary>The number in <paramref name="column"/>, more than 0; refuses an empty, malformed, zero or negative field.</summary>
    public double Positive((int Line, string[] Fields) row, string column)
    {
        var value = NonNegative(row, column);
        return value > 0 ? value : throw new InvalidDataException($"{_source}, line {row.Line}: {column} is {Text(row, column)}; it must be more than 0.");
    }

    /// <summary>A whole number from 1 to <see cref="int.MaxValue"/> in <paramref name="column"/>, or null when the field is empty ("not known").</summary>
    public int? OptionalCount((int Line, string[] Fields) row, string column)
    {
        if (row.Fields[_columns[column]].Trim().Length == 0)
        {
            return null;
        }

        var value = NonNegative(row, column);
        return value >= 1 && value <= int.MaxValue && value == Math.Floor(value)
            ? (int)value
            : throw new InvalidDataException($"{_source}, line {row.Line}: {column} is {Text(row, column)}; it must be a whole number from 1 to {int.MaxValue}, or empty when not known.");
    }

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/> in <paramref name="column"/>; refuses a fraction (2.5 vCPUs), never truncates it.</summary>
    public int WholeNumber((int Line, string[] Fields) row, string column, int minimum, int maximum)
    {
        var value = NonNegative(row, column);
        return value >= minimum && value <= maximum && value == Math.Floor(value)
            ? (int)value
            : throw new InvalidDataException($"{_source}, line {row.Line}: {column} is {Text(row, column)}; valid range: a whole number from {Guard.Describe(minimum)} to {Guard.Describe(maximum)}.");
    }

    /// <summary>Like <see cref="Positive"/>, but an empty field means "not known" (null).</summary>
    public double? OptionalPositive((int Line, string[] Fields) row, string column) =>
        row.Fields[_columns[column]].Trim().Length == 0 ? null : Positive(row, column);

    /// <summary>
    /// Refuses a second row whose <paramref name="key"/> (compared case-insensitively) repeats an earlier one, naming both lines:
    /// lookups take the first match, so a duplicate would be silently ignored.
    /// </summary>
    public void RequireUnique(Func<(int Line, string[] Fields), string> key, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Rows)
        {
            var name = key(row);
            if (!seen.TryAdd(name, row.Line))
            {
                throw new InvalidDataException($"{_source}, line {row.Line}: {what} '{name}' is already on line {seen[name]}; give each {what} one row.");
            }
        }
    }

    /// <summary>The ISO date (yyyy-MM-dd) in <paramref name="column"/>.</summary>
    public DateOnly Date((int Line, string[] Fields) row, string column)
    {
        var text = Text(row, column);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"{_source}, line {row.Line}: {column} is '{text}'; write dates as yyyy-MM-dd.");
        }

        try
        {
            return Guard.ReadOn(date, column);
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new InvalidDataException($"{_source}, line {row.Line}: {error.Message.Split(" (Parameter")[0]}", error);
        }
    }

    private static string[] SplitLine(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                i = InQuotes(line, i, field, out quoted);
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{source}, line {lineNumber}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields.ToArray();
    }

    // One character inside quotes at `i`: "" is a quote, a lone " closes the quotes (quoted becomes false); returns the index of the last character used.
    private static int InQuotes(string line, int i, StringBuilder field, out bool quoted)
    {
        quoted = true;
        var c = line[i];
        if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
        {
            field.Append('"');
            return i + 1;
        }

        if (c == '"')
        {
            quoted = false;
        }
        else
        {
            field.Append(c);
        }

        return i;
    }
}

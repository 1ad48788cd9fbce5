using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>
/// Reads a data set from a CSV file of numbers: one sample per line, the features, then (by default) the label in the last column.
/// Cells may be separated by commas or semicolons; decimals are written with '.'. The first line is a header when none of its cells is a number
/// (or as <c>hasHeader</c> says); every other line must hold only numbers. Files ending in .gz are decompressed.
/// </summary>
public static class NumericCsv
{
    /// <summary>Loads a CSV file of numbers into a <see cref="TensorDataSet"/> (float32 features).</summary>
    /// <param name="path">The file; a name ending in ".gz" is read through gzip.</param>
    /// <param name="labelColumn">The label's column, from 0; -1 (the default) means the last column.</param>
    /// <param name="classLabels">True (the default): labels are whole-number class indices (int64). False: floating-point targets.</param>
    /// <param name="hasHeader">
    /// True: the first line is a header; false: there is none; null (the default): the first line is a header when none of its cells is a number
    /// (so a data line with an empty or misspelt cell is reported, not skipped).
    /// </param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The name ends in .gz but the file is not gzip data, or its gzip data is damaged; the message names the file.</exception>
    /// <exception cref="FormatException">
    /// A value is empty, not a number or written with a decimal comma, a line has a different column count, or a class label is not a whole number from 0;
    /// the message names the file, the line and the column.
    /// </exception>
    public static TensorDataSet Load(string path, int labelColumn = -1, bool classLabels = true, bool? hasHeader = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No CSV file at '{path}'.", path);
        }

        using var file = File.OpenRead(path);
        var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (gzip && !StartsLikeGzip(file))
        {
            throw new InvalidDataException($"'{path}' ends in .gz but is not gzip data (it does not start with the bytes 1F 8B): compress it with gzip, or drop the .gz from its name.");
        }

        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        try
        {
            return Read(reader, Path.GetFileName(path), labelColumn, classLabels, hasHeader);
        }
        catch (InvalidDataException error) when (gzip) // only the decompression throws this; a bad value is a FormatException
        {
            throw new InvalidDataException($"'{path}': the gzip data is damaged ({error.Message}).", error);
        }
    }

    // True when the stream starts with gzip's magic bytes 1F 8B; it is left at its start.
    private static bool StartsLikeGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>Reads CSV text of numbers into a <see cref="TensorDataSet"/>; see <see cref="Load"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the text in error messages, for example the file name.</param>
    /// <param name="labelColumn">The label's column, from 0; -1 (the default) means the last column.</param>
    /// <param name="classLabels">True (the default): labels are class indices; false: floating-point targets.</param>
    /// <param name="hasHeader">True: the first line is a header; false: none; null (the default): a header when none of its cells is a number.</param>
    public static TensorDataSet Read(TextReader reader, string source, int labelColumn = -1, bool classLabels = true, bool? hasHeader = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (labelColumn < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn, $"labelColumn must be -1 (the last column) or a column index from 0; got {labelColumn}.");
        }

        var rows = new Rows(string.IsNullOrWhiteSpace(source) ? "the CSV text" : source, labelColumn, classLabels);
        var lineNumber = 0;
        var firstLine = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(line.Contains(';') ? ';' : ',');
            var isHeader = firstLine && (hasHeader ?? !cells.Any(c => IsNumber(c.Trim()) || IsDecimalComma(c.Trim())));
            var hint = firstLine && hasHeader is null ? " (if this line is a header with numbers among its names, pass hasHeader: true)" : "";
            firstLine = false;
            if (!isHeader)
            {
                rows.Add(cells, lineNumber, hint);
            }
        }

        return rows.ToDataSet();
    }

    // The data lines read so far: their features and labels, and the column count the first data line set.
    private sealed class Rows(string source, int labelColumn, bool classLabels)
    {
        private readonly List<float> features = [];
        private readonly List<double> labels = [];
        private int columns = -1;
        private int samples;

        public void Add(string[] cells, int lineNumber, string hint)
        {
            CheckColumns(cells, lineNumber);
            var label = labelColumn < 0 ? columns - 1 : labelColumn;
            for (var column = 0; column < columns; column++)
            {
                var text = cells[column].Trim();
                var value = Number(text, source, lineNumber, column, hint);
                if (column != label)
                {
                    features.Add((float)value);
                    continue;
                }

                if (classLabels && (value < 0 || value != Math.Floor(value)))
                {
                    throw new FormatException($"{source} line {lineNumber}, column {column + 1}: class label '{text}' must be a whole number from 0.");
                }

                labels.Add(value);
            }

            samples++;
        }

        public TensorDataSet ToDataSet()
        {
            if (samples == 0)
            {
                throw new FormatException($"{source} holds no data lines: a data set needs at least 1 sample.");
            }

            var featureTensor = tensor(features.ToArray(), [samples, columns - 1]);
            var labelTensor = classLabels
                ? tensor(labels.Select(l => (long)l).ToArray())
                : tensor(labels.Select(l => (float)l).ToArray());
            return new TensorDataSet(featureTensor, labelTensor);
        }

        // The first data line sets the column count (at least 2, and more than labelColumn); every later line must match it.
        private void CheckColumns(string[] cells, int lineNumber)
        {
            if (columns >= 0)
            {
                if (cells.Length != columns)
                {
                    throw new FormatException($"{source} line {lineNumber}: found {cells.Length} columns where the first data line has {columns}.");
                }

                return;
            }

            columns = cells.Length;
            if (columns < 2)
            {
                throw new FormatException($"{source} line {lineNumber}: found 1 column; a data set needs at least one feature column and a label column.");
            }

            if (labelColumn >= columns)
            {
                throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn, $"labelColumn must be -1 (last) or from 0 to {columns - 1}: {source} has {columns} columns.");
            }
        }
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // "1,5" in a semicolon-separated file: a number written with a decimal comma (as in much of Europe).
    private static bool IsDecimalComma(string text) =>
        text.Contains(',') && double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Number(string text, string source, int lineNumber, int column, string hint)
    {
        if (text.Length == 0)
        {
            throw new FormatException($"{source} line {lineNumber}, column {column + 1}: the cell is empty; every cell of a data line must hold a finite number{hint}.");
        }

        if (IsDecimalComma(text))
        {
            throw new FormatException(
                $"{source} line {lineNumber}, column {column + 1}: '{text}' is written with a decimal comma, which is not supported; write decimals with '.' (for example {text.Replace(',', '.')}) and separate cells with ',' or ';'.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"{source} line {lineNumber}, column {column + 1}: '{text}' is not a finite number{hint}.");
        }

        return value;
    }
}

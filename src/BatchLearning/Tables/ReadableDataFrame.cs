using Microsoft.Data.Analysis;

namespace BatchLearning.Tables;

/// <summary>
/// The <see cref="DataFrame"/> that <see cref="RecordTable.ToDataFrame{T}"/> returns: the same typed columns and values
/// (so a notebook can sort, filter and compute with them), shown for people. Its text form and, in a notebook, its HTML form
/// round numbers (see <see cref="DataFrameDisplay"/>) and show missing values as <see cref="DataFrameDisplay.Missing"/>.
/// </summary>
/// <remarks>
/// A type of its own so that the kernel extension's formatter is the most specific one for it, whichever extension
/// (this library's or Microsoft.Data.Analysis's) the kernel happens to load last.
/// </remarks>
public sealed class ReadableDataFrame : DataFrame
{
    internal ReadableDataFrame(IEnumerable<DataFrameColumn> columns)
        : base(columns)
    {
    }

    /// <summary>The table as aligned text, numbers rounded for reading.</summary>
    public override string ToString() => DataFrameDisplay.ToText(this);
}

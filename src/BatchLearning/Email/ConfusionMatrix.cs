using BatchLearning.Charts;
using Microsoft.Data.Analysis;

namespace BatchLearning.Email;

/// <summary>Counts of (true category, predicted category) over a labelled set; the diagonal is what the classifier got right.</summary>
/// <param name="Counts">Counts[true, predicted], indexed by <see cref="EmailCategory"/>.</param>
public sealed record ConfusionMatrix(int[,] Counts)
{
    private static readonly EmailCategory[] Categories = Enum.GetValues<EmailCategory>();

    /// <summary>Builds the matrix from true and predicted categories, pairwise.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A category is not one of <see cref="EmailCategory"/>'s values (for example (EmailCategory)9); the message names its position.</exception>
    public static ConfusionMatrix From(IReadOnlyList<EmailCategory> actual, IReadOnlyList<EmailCategory> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count || actual.Count == 0)
        {
            throw new ArgumentException($"Give as many predictions as true categories, at least one: got {actual.Count} and {predicted.Count}.", nameof(predicted));
        }

        var counts = new int[Categories.Length, Categories.Length];
        for (var i = 0; i < actual.Count; i++)
        {
            counts[Known(actual[i], $"actual[{i}]"), Known(predicted[i], $"predicted[{i}]")]++;
        }

        return new ConfusionMatrix(counts);
    }

    // The matrix index of a category, refusing a number that is no category.
    private static int Known(EmailCategory category, string name) =>
        Enum.IsDefined(category) ? (int)category : throw Guard.OutOfRange(name, (int)category, $"one of {string.Join(", ", Categories)} (0 to {Categories.Length - 1})");

    /// <summary>Emails counted.</summary>
    public int Total => Categories.Sum(a => Categories.Sum(p => Counts[(int)a, (int)p]));

    /// <summary>The share classified correctly.</summary>
    public double Accuracy => (double)Categories.Sum(c => Counts[(int)c, (int)c]) / Total;

    /// <summary>Of the emails truly in <paramref name="category"/>, the share found (recall).</summary>
    public double Recall(EmailCategory category)
    {
        var row = Categories.Sum(p => Counts[(int)category, (int)p]);
        return row == 0 ? double.NaN : (double)Counts[(int)category, (int)category] / row;
    }

    /// <summary>Of the emails predicted as <paramref name="category"/>, the share that truly are (precision).</summary>
    public double Precision(EmailCategory category)
    {
        var column = Categories.Sum(a => Counts[(int)a, (int)category]);
        return column == 0 ? double.NaN : (double)Counts[(int)category, (int)category] / column;
    }

    /// <summary>One row per true category, one column per predicted category, then recall and precision.</summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("True \\ predicted", Categories.Select(c => c.ToString())) };
        columns.AddRange(Categories.Select(p => new Int32DataFrameColumn(p.ToString(), Categories.Select(a => Counts[(int)a, (int)p]))));
        columns.Add(new DoubleDataFrameColumn("Recall", Categories.Select(Recall)));
        columns.Add(new DoubleDataFrameColumn("Precision", Categories.Select(Precision)));
        return new DataFrame(columns);
    }

    /// <summary>The matrix as a heat map: true category up the side, predicted along the bottom (category numbers 0..4 in enum order).</summary>
    public Chart ToChart()
    {
        var cells = Categories.SelectMany(a => Categories.Select(p => (X: (double)(int)p, Y: (double)(int)a, Z: (double)Counts[(int)a, (int)p]))).ToList();
        return Chart.Of($"Confusion matrix ({string.Join(", ", Categories.Select(c => $"{(int)c} = {c}"))})",
            new Axis("predicted category"), new Axis("true category"),
            new ChartSeries("emails", cells.Select(c => c.X).ToList(), cells.Select(c => c.Y).ToList(), SeriesStyle.HeatMap, Z: cells.Select(c => c.Z).ToList()));
    }
}

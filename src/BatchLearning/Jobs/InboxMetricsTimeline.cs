using System.Globalization;
using BatchLearning.Charts;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// The inbox job's metrics over time, as a team's dashboard shows them: the runs read from the meter (<see cref="InboxMetricsRecorder"/>),
/// grouped into stretches of <see cref="Bucket"/> (an hour by default; a run at the end of a stretch belongs to it), and three charts: what the job is behind (backlog), how sure and how right
/// the classifier is (drift), and the mix of categories it predicts.
/// </summary>
public sealed class InboxMetricsTimeline
{
    /// <summary>Groups <paramref name="runs"/> into stretches of <paramref name="bucket"/>, from the first run's hour.</summary>
    /// <param name="runs">The runs, in time order, at least one.</param>
    /// <param name="bucket">The stretch, from 1 minute to 1 day; an hour by default.</param>
    /// <exception cref="ArgumentException">No runs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stretch is under a minute or over a day.</exception>
    public InboxMetricsTimeline(IReadOnlyList<InboxRunMetrics> runs, TimeSpan? bucket = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("A timeline needs at least one run.", nameof(runs));
        }

        Bucket = bucket ?? TimeSpan.FromHours(1);
        if (Bucket < TimeSpan.FromMinutes(1) || Bucket > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), Bucket, $"bucket must be from 1 minute to 1 day; got {Bucket}.");
        }

        Runs = runs;
        // A run at the end of a stretch belongs to it: it processed the mail that arrived in it (a run at 01:00 closes the hour from 00:00).
        var first = runs.Min(r => r.At) - TimeSpan.FromTicks(1);
        Origin = new DateTimeOffset(first.Year, first.Month, first.Day, first.Hour, 0, 0, first.Offset);
        Buckets = runs.GroupBy(r => (long)((r.At - Origin - TimeSpan.FromTicks(1)) / Bucket)).OrderBy(g => g.Key)
            .Select(g => Summarise(Origin + g.Key * Bucket, g.ToList())).ToList();
    }

    /// <summary>The runs.</summary>
    public IReadOnlyList<InboxRunMetrics> Runs { get; }

    /// <summary>The length of a stretch.</summary>
    public TimeSpan Bucket { get; }

    /// <summary>The start of the first stretch: the hour of the first run; the charts count hours from it.</summary>
    public DateTimeOffset Origin { get; }

    /// <summary>The stretches that had runs, in order.</summary>
    public IReadOnlyList<InboxMetricsBucket> Buckets { get; }

    /// <summary>
    /// The first stretch after <paramref name="from"/> with at least <paramref name="minimumPredicted"/> predictions whose <paramref name="value"/> is below
    /// <paramref name="threshold"/>; null when none is.
    /// </summary>
    public InboxMetricsBucket? FirstBelow(Func<InboxMetricsBucket, double> value, double threshold, DateTimeOffset from = default, int minimumPredicted = 50)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Buckets.FirstOrDefault(b => b.Start >= from && b.Predicted >= minimumPredicted && value(b) < threshold);
    }

    /// <summary>Mean confidence and agreement with the labels, per stretch, from 0 to 1: drift shows as both falling.</summary>
    public Chart QualityChart(string title)
    {
        var x = Buckets.Select(Hours).ToList();
        return Chart.Of(title, HoursAxis(), new Axis("share (0 to 1)"),
            new ChartSeries("mean confidence (no labels needed)", x, Buckets.Select(b => b.MeanConfidence).ToList()),
            new ChartSeries("agreement with the labels", x, Buckets.Select(b => b.Agreement).ToList()));
    }

    /// <summary>
    /// Before each run: how long the oldest waiting email had waited, in minutes (a job that keeps up stays under its period), and the failed runs marked.
    /// </summary>
    public Chart BacklogChart(string title)
    {
        var failed = Runs.Where(r => !r.Succeeded).ToList();
        return Chart.Of(title, HoursAxis(), new Axis("minutes"),
            new ChartSeries("oldest waiting email before the run", Runs.Select(r => Hours(r.At)).ToList(), Runs.Select(r => r.OldestWaitingSeconds / 60).ToList(), SeriesStyle.Lines),
            new ChartSeries("failed run", failed.Select(r => Hours(r.At)).ToList(), failed.Select(r => r.OldestWaitingSeconds / 60).ToList(), SeriesStyle.Markers));
    }

    /// <summary>The share of each predicted category per stretch: a category that grows for no reason in the business is drift too, seen without labels.</summary>
    public Chart CategoriesChart(string title)
    {
        var x = Buckets.Select(Hours).ToList();
        double Share(InboxMetricsBucket b, EmailCategory c) => b.Predicted == 0 ? double.NaN : (double)b.Categories.GetValueOrDefault(c) / b.Categories.Values.Sum();
        return Chart.Of(title, HoursAxis(), new Axis("share of the predictions"),
            Enum.GetValues<EmailCategory>().Select(c => new ChartSeries(c.ToString(), x, Buckets.Select(b => Share(b, c)).ToList())).ToArray());
    }

    private double Hours(InboxMetricsBucket bucket) => Hours(bucket.Start);

    private double Hours(DateTimeOffset at) => (at - Origin).TotalHours;

    private Axis HoursAxis() => new(string.Create(CultureInfo.InvariantCulture, $"hours since {Origin:yyyy-MM-dd HH:mm} (UTC)"));

    private static InboxMetricsBucket Summarise(DateTimeOffset start, List<InboxRunMetrics> runs)
    {
        var predicted = runs.Sum(r => r.Predicted);
        var labelled = runs.Sum(r => r.Labelled);
        return new InboxMetricsBucket
        {
            Start = start,
            Runs = runs.Count,
            FailedRuns = runs.Count(r => !r.Succeeded),
            Emails = runs.Sum(r => r.Emails),
            DeadLetters = runs.Sum(r => r.DeadLetters),
            MaxBacklogEmails = runs.Max(r => r.BacklogEmails),
            MaxOldestWaitingMinutes = runs.Max(r => r.OldestWaitingSeconds) / 60,
            MaxRunMs = runs.Max(r => r.DurationSeconds) * 1000,
            Predicted = predicted,
            MeanConfidence = predicted == 0 ? double.NaN : runs.Sum(r => r.ConfidenceSum) / predicted,
            Agreement = labelled == 0 ? double.NaN : (double)runs.Sum(r => r.Agreed) / labelled,
            Categories = runs.SelectMany(r => r.Categories).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
        };
    }
}

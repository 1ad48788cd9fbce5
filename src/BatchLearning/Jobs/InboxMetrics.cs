using System.Diagnostics;
using System.Diagnostics.Metrics;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// The numbers a team watches on the inbox job, on the meter <see cref="MeterName"/> (System.Diagnostics.Metrics; the worker service exports them with
/// OpenTelemetry when a metrics port is set; dotnet-counters, any MeterListener or <see cref="InboxMetricsRecorder"/> read them otherwise).
/// <see cref="Measure"/> and <see cref="Run"/> put them on a job: the worker and a notebook's simulated day record them the same way. Names follow OpenTelemetry's conventions; units are UCUM
/// ("s", "By", "1", "{email}"). The instruments:
/// <list type="bullet">
/// <item><c>batchlearning.inbox.runs</c> (counter, {run}), tag <c>outcome</c> = succeeded or failed: a failed run is logged and retried at the next tick.</item>
/// <item><c>batchlearning.inbox.run.duration</c> (histogram, s): wall-clock time of each run.</item>
/// <item><c>batchlearning.inbox.run.emails</c> (histogram, {email}): emails classified and committed per run.</item>
/// <item><c>batchlearning.inbox.emails.committed</c> (counter, {email}) and <c>batchlearning.inbox.dead_letters</c> (counter, {line}): committed results and unreadable lines.</item>
/// <item><c>batchlearning.inbox.batch.size</c> (histogram, {email}): emails per forward pass of the classifier.</item>
/// <item><c>batchlearning.inbox.classifications</c> (counter, {email}), tag <c>category</c>: predictions per category (a commit redone after a failure counts again).</item>
/// <item><c>batchlearning.inbox.confidence</c> (histogram, 1): each email's largest softmax probability, from 0.2 to 1; its mean falling is drift, seen without labels.</item>
/// <item><c>batchlearning.inbox.confidence.last_run</c> (gauge, 1): the mean confidence of the last run that classified mail.</item>
/// <item><c>batchlearning.inbox.labelled</c> (counter, {email}), tag <c>agreed</c> = true or false: emails that came with a label, and whether the prediction agreed.</item>
/// <item><c>batchlearning.inbox.backlog.bytes</c> (gauge, By), <c>batchlearning.inbox.backlog.emails</c> (gauge, {email}) and
/// <c>batchlearning.inbox.backlog.oldest_age</c> (gauge, s): what waits for the next run, measured when read.</item>
/// </list>
/// </summary>
public sealed class InboxMetrics : IDisposable
{
    /// <summary>The meter's name: "BatchLearning.Inbox".</summary>
    public const string MeterName = "BatchLearning.Inbox";

    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<long> _runEmails;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _classifications;
    private readonly Histogram<double> _confidence;
    private readonly Counter<long> _labelled;
    private readonly Lock _gate = new();
    private double _runConfidenceSum;
    private long _runConfidenceCount;
    private double? _lastRunConfidence;
    private Func<InboxBacklog?> _backlog = () => null;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (so each host, and each test, has its own).</summary>
    public InboxMetrics(IMeterFactory meterFactory)
        : this((meterFactory ?? throw new ArgumentNullException(nameof(meterFactory))).Create(MeterName))
    {
    }

    /// <summary>Creates the instruments on a meter of its own (a notebook's simulated day; outside a host with an <see cref="IMeterFactory"/>).</summary>
    public InboxMetrics()
        : this(new Meter(MeterName))
    {
    }

    private InboxMetrics(Meter meter)
    {
        _meter = meter;
        _runs = _meter.CreateCounter<long>("batchlearning.inbox.runs", "{run}", "Runs of the inbox job, by outcome (succeeded, failed).");
        _runDuration = _meter.CreateHistogram("batchlearning.inbox.run.duration", "s", "Wall-clock time of a run.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        _runEmails = _meter.CreateHistogram("batchlearning.inbox.run.emails", "{email}", "Emails classified and committed by a run.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 10, 100, 1_000, 10_000, 100_000, 1_000_000] });
        _committed = _meter.CreateCounter<long>("batchlearning.inbox.emails.committed", "{email}", "Emails classified and committed.");
        _deadLetters = _meter.CreateCounter<long>("batchlearning.inbox.dead_letters", "{line}", "Inbox lines sent to the dead-letter files.");
        _batchSize = _meter.CreateHistogram("batchlearning.inbox.batch.size", "{email}", "Emails per forward pass of the classifier.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });
        _classifications = _meter.CreateCounter<long>("batchlearning.inbox.classifications", "{email}", "Predictions, by category.");
        _confidence = _meter.CreateHistogram("batchlearning.inbox.confidence", "1", "The classifier's confidence in each email (its largest softmax probability).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] });
        _labelled = _meter.CreateCounter<long>("batchlearning.inbox.labelled", "{email}", "Emails that arrived with a label, by whether the prediction agreed.");
        _meter.CreateObservableGauge("batchlearning.inbox.confidence.last_run", ObserveLastRunConfidence, "1", "Mean confidence of the last run that classified mail.");
        _meter.CreateObservableGauge("batchlearning.inbox.backlog.bytes", () => ObserveBacklog(b => b.Bytes), "By", "Inbox bytes not yet committed.");
        _meter.CreateObservableGauge("batchlearning.inbox.backlog.emails", () => ObserveBacklog(b => (long)b.Emails), "{email}", "Inbox lines not yet committed.");
        _meter.CreateObservableGauge("batchlearning.inbox.backlog.oldest_age", () => ObserveBacklog(b => b.OldestAge.TotalSeconds), "s", "How long the oldest waiting email has waited.");
    }

    /// <summary>The meter the instruments are on (a listener tells this job's measurements from another's by it).</summary>
    public Meter Meter => _meter;

    /// <summary>
    /// A classifier for <see cref="InboxBatchJob.Open(InboxJobOptions, Func{IReadOnlyList{EmailMessage}, IReadOnlyList{EmailCategory}}, TimeProvider?)"/>
    /// that records every forward pass (<see cref="RecordBatch"/>) of <paramref name="predict"/>.
    /// </summary>
    /// <param name="predict">Predicts one batch: a category and a confidence per email, in order (for example <see cref="EmailClassifier.Predict"/>).</param>
    public Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> Measure(Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailPrediction>> predict)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return emails =>
        {
            var predictions = predict(emails);
            RecordBatch(emails, predictions);
            return predictions.Select(p => p.Category).ToList();
        };
    }

    /// <summary>
    /// Runs <paramref name="job"/> once and records the run: its duration and emails, or, when it throws, a failed run (then the exception goes on to the caller,
    /// who logs it; the job keeps nothing uncommitted). Also points the backlog gauges at the job.
    /// </summary>
    public JobRunResult Run(InboxBatchJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        WatchBacklog(job.MeasureBacklog);
        var watch = Stopwatch.StartNew();
        JobRunResult result;
        try
        {
            result = job.RunOnce(cancellationToken);
        }
        catch
        {
            RecordFailedRun(watch.Elapsed);
            throw;
        }

        RecordRun(result, watch.Elapsed);
        return result;
    }

    /// <summary>Where the backlog gauges read from (the worker's open job); until set, they report nothing.</summary>
    public void WatchBacklog(Func<InboxBacklog?> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        _backlog = measure;
    }

    /// <summary>Records one forward pass: its size, each prediction's category and confidence, and agreement with the labels that came with the mail.</summary>
    public void RecordBatch(IReadOnlyList<EmailMessage> emails, IReadOnlyList<EmailPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(predictions);
        _batchSize.Record(emails.Count);
        double sum = 0;
        for (var i = 0; i < Math.Min(emails.Count, predictions.Count); i++)
        {
            var prediction = predictions[i];
            _classifications.Add(1, new KeyValuePair<string, object?>("category", prediction.Category.ToString()));
            _confidence.Record(prediction.Confidence);
            sum += prediction.Confidence;
            if (emails[i].Category is { } label)
            {
                _labelled.Add(1, new KeyValuePair<string, object?>("agreed", label == prediction.Category));
            }
        }

        lock (_gate)
        {
            _runConfidenceSum += sum;
            _runConfidenceCount += Math.Min(emails.Count, predictions.Count);
        }
    }

    /// <summary>Records a run that finished.</summary>
    public void RecordRun(JobRunResult result, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(result);
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
        _runDuration.Record(duration.TotalSeconds);
        _runEmails.Record(result.Classified);
        _committed.Add(result.Classified);
        _deadLetters.Add(result.DeadLetters);
        EndRun();
    }

    /// <summary>Records a run that threw.</summary>
    public void RecordFailedRun(TimeSpan duration)
    {
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        _runDuration.Record(duration.TotalSeconds);
        EndRun();
    }

    /// <summary>Frees the meter.</summary>
    public void Dispose() => _meter.Dispose();

    private void EndRun()
    {
        lock (_gate)
        {
            if (_runConfidenceCount > 0)
            {
                _lastRunConfidence = _runConfidenceSum / _runConfidenceCount;
            }

            _runConfidenceSum = 0;
            _runConfidenceCount = 0;
        }
    }

    private IEnumerable<Measurement<double>> ObserveLastRunConfidence()
    {
        lock (_gate)
        {
            return _lastRunConfidence is { } value ? [new Measurement<double>(value)] : [];
        }
    }

    private IEnumerable<Measurement<T>> ObserveBacklog<T>(Func<InboxBacklog, T> value)
        where T : struct
    {
        InboxBacklog? backlog;
        try
        {
            backlog = _backlog();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            backlog = null; // the inbox or checkpoint cannot be read just now: the run that meets it logs why
        }

        return backlog is null ? [] : [new Measurement<T>(value(backlog))];
    }
}

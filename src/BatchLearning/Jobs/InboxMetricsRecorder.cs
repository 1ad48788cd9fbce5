using System.Diagnostics.Metrics;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// Reads the instruments of one <see cref="InboxMetrics"/> through a <see cref="MeterListener"/>, as any exporter would, and cuts them into runs:
/// <see cref="ObserveGauges"/> reads the backlog gauges (call it just before a run), <see cref="EndRun"/> turns everything measured since the last run into
/// one <see cref="InboxRunMetrics"/>. Instruments of other <see cref="InboxMetrics"/> in the process are ignored.
/// </summary>
public sealed class InboxMetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<InboxRunMetrics> _runs = [];
    private InboxRunMetrics _current = Empty();
    private Dictionary<EmailCategory, int> _categories = [];

    /// <summary>Starts listening to <paramref name="metrics"/>' meter.</summary>
    public InboxMetricsRecorder(InboxMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.Start();
    }

    /// <summary>The runs ended so far, in order.</summary>
    public IReadOnlyList<InboxRunMetrics> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs];
            }
        }
    }

    /// <summary>Reads the gauges now (the backlog waiting for the next run): call it just before a run, as a scrape at the timer's tick would.</summary>
    public void ObserveGauges() => _listener.RecordObservableInstruments();

    /// <summary>Closes the current run: what was measured since the last call becomes one record at <paramref name="at"/>, the run's start.</summary>
    public InboxRunMetrics EndRun(DateTimeOffset at)
    {
        lock (_gate)
        {
            var run = _current with { At = at, Categories = _categories };
            _runs.Add(run);
            _current = Empty();
            _categories = [];
            return run;
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private static InboxRunMetrics Empty() => new() { At = default };

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        object? outcome = null, agreed = null, category = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "outcome": outcome = tag.Value; break;
                case "agreed": agreed = tag.Value; break;
                case "category": category = tag.Value; break;
            }
        }

        lock (_gate)
        {
            var c = _current;
            _current = instrument switch
            {
                "batchlearning.inbox.runs" => c with { Succeeded = Equals(outcome, "succeeded") },
                "batchlearning.inbox.run.duration" => c with { DurationSeconds = value },
                "batchlearning.inbox.run.emails" => c with { Emails = (int)value },
                "batchlearning.inbox.dead_letters" => c with { DeadLetters = c.DeadLetters + (int)value },
                "batchlearning.inbox.batch.size" => c with { ForwardPasses = c.ForwardPasses + 1 },
                "batchlearning.inbox.confidence" => c with { ConfidenceSum = c.ConfidenceSum + value, Predicted = c.Predicted + 1 },
                "batchlearning.inbox.labelled" => c with { Labelled = c.Labelled + 1, Agreed = c.Agreed + (Equals(agreed, true) ? 1 : 0) },
                "batchlearning.inbox.backlog.emails" => c with { BacklogEmails = (int)value },
                "batchlearning.inbox.backlog.bytes" => c with { BacklogBytes = (long)value },
                "batchlearning.inbox.backlog.oldest_age" => c with { OldestWaitingSeconds = value },
                _ => c,
            };
            if (instrument == "batchlearning.inbox.classifications" && Enum.TryParse<EmailCategory>(category as string, out var predicted))
            {
                _categories[predicted] = _categories.GetValueOrDefault(predicted) + (int)value;
            }
        }
    }
}

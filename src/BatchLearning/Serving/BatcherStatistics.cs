namespace BatchLearning.Serving;

/// <summary>The counters and samples behind <see cref="BatcherMetrics"/>; thread-safe.</summary>
internal sealed class BatcherStatistics(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _queueWaits = [];
    private readonly Dictionary<int, long> _batchSizes = [];
    private long _failed;
    private long _cancelled;
    private long _rejected;
    private long? _firstSubmit;
    private long _lastCompletion;

    public void Submitted(long timestamp)
    {
        lock (_gate)
        {
            _firstSubmit ??= timestamp;
        }
    }

    public void Completed(long submittedAt, long dispatchedAt)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            _latencies.Add(time.GetElapsedTime(submittedAt, now).TotalMilliseconds);
            _queueWaits.Add(time.GetElapsedTime(submittedAt, dispatchedAt).TotalMilliseconds);
            _lastCompletion = now;
        }
    }

    public void Batch(int size)
    {
        lock (_gate)
        {
            _batchSizes[size] = _batchSizes.GetValueOrDefault(size) + 1;
        }
    }

    public void Failed() => Interlocked.Increment(ref _failed);

    public void Cancelled() => Interlocked.Increment(ref _cancelled);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public void Reset()
    {
        lock (_gate)
        {
            _latencies.Clear();
            _queueWaits.Clear();
            _batchSizes.Clear();
            _failed = _cancelled = _rejected = 0;
            _firstSubmit = null;
        }
    }

    public BatcherMetrics Snapshot()
    {
        lock (_gate)
        {
            var latencies = _latencies.Order().ToList();
            var waits = _queueWaits.Order().ToList();
            var batches = _batchSizes.Values.Sum();
            var items = _batchSizes.Sum(p => (long)p.Key * p.Value);
            var seconds = _firstSubmit is { } first && latencies.Count > 0 ? time.GetElapsedTime(first, _lastCompletion).TotalSeconds : 0;
            return new BatcherMetrics(
                latencies.Count,
                Interlocked.Read(ref _failed),
                Interlocked.Read(ref _cancelled),
                Interlocked.Read(ref _rejected),
                batches,
                batches > 0 ? (double)items / batches : double.NaN,
                new SortedDictionary<int, long>(_batchSizes),
                Percentile(waits, 0.50),
                Percentile(waits, 0.99),
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.95),
                Percentile(latencies, 0.99),
                seconds > 0 ? latencies.Count / seconds : double.NaN);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Latency.NearestRank.Quantile(sorted, p);
}

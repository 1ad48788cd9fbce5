namespace BatchLearning.Latency;

/// <summary>
/// Closed-form latencies of batching windows and single-server queues (the course's reference: batching-facts.md).
/// Times are in seconds, rates in requests per second. Each formula is checked against <see cref="BatchingSimulator"/> in the tests.
/// </summary>
public static class LatencyFormulas
{
    /// <summary>Periodic flush every <paramref name="period"/>: an item waits Uniform(0, T), so its p-quantile wait is p x T (mean T/2).</summary>
    public static double PeriodicFlushWaitQuantile(double period, double p)
    {
        Positive(period, nameof(period));
        Probability(p, nameof(p));
        return p * period;
    }

    /// <summary>Periodic flush: the mean number of items in a flush, lambda x T (a Poisson count).</summary>
    public static double PeriodicFlushMeanBatchSize(double arrivalRate, double period)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(period, nameof(period));
        return arrivalRate * period;
    }

    /// <summary>Periodic flush: the chance that a window holds no item, exp(-lambda x T).</summary>
    public static double PeriodicFlushEmptyProbability(double arrivalRate, double period)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(period, nameof(period));
        return Math.Exp(-arrivalRate * period);
    }

    /// <summary>A window opened by the first arrival and closed after T (no size cap): mean batch 1 + lambda x T.</summary>
    public static double FirstArrivalWindowMeanBatchSize(double arrivalRate, double window)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(window, nameof(window));
        return 1 + arrivalRate * window;
    }

    /// <summary>A window opened by the first arrival, no size cap: mean wait per item T(1 + lambda T / 2) / (1 + lambda T).</summary>
    public static double FirstArrivalWindowMeanWait(double arrivalRate, double window)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(window, nameof(window));
        var load = arrivalRate * window;
        return window * (1 + load / 2) / (1 + load);
    }

    /// <summary>
    /// A window opened by the first arrival that closes after T or at the <paramref name="maxBatchSize"/>-th item:
    /// mean batch 1 + E[min(N, B_max - 1)] with N ~ Poisson(lambda x T).
    /// </summary>
    public static double CappedWindowMeanBatchSize(double arrivalRate, double window, int maxBatchSize)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(window, nameof(window));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var mean = arrivalRate * window;
        var probability = Math.Exp(-mean); // P(N = 0)
        var cumulative = 0.0;
        var expected = 0.0;
        for (var k = 0; k < maxBatchSize - 1; k++)
        {
            expected += k * probability;
            cumulative += probability;
            probability *= mean / (k + 1);
        }

        return 1 + expected + (maxBatchSize - 1) * (1 - cumulative);
    }

    /// <summary>M/M/1 (Poisson arrivals, exponential service, one server): time in system is Exponential(mu - lambda), so its p-quantile is ln(1/(1-p)) / (mu - lambda).</summary>
    /// <exception cref="ArgumentException">lambda is not below mu: the queue is unstable and has no steady-state latency.</exception>
    public static double MM1TimeInSystemQuantile(double arrivalRate, double serviceRate, double p)
    {
        Stable(arrivalRate, serviceRate);
        Probability(p, nameof(p));
        return Math.Log(1 / (1 - p)) / (serviceRate - arrivalRate);
    }

    /// <summary>M/M/1 mean time in system, 1 / (mu - lambda).</summary>
    public static double MM1MeanTimeInSystem(double arrivalRate, double serviceRate)
    {
        Stable(arrivalRate, serviceRate);
        return 1 / (serviceRate - arrivalRate);
    }

    /// <summary>M/D/1 (Poisson arrivals, fixed service time s): mean wait in the queue rho x s / (2(1 - rho)), rho = lambda x s.</summary>
    public static double MD1MeanQueueingWait(double arrivalRate, double serviceSeconds)
    {
        Positive(serviceSeconds, nameof(serviceSeconds));
        Stable(arrivalRate, 1 / serviceSeconds);
        var rho = arrivalRate * serviceSeconds;
        return rho * serviceSeconds / (2 * (1 - rho));
    }

    /// <summary>
    /// Batches served in s(b) = s0 + s1 x b keep up only while lambda &lt; B_max / (s0 + s1 x B_max): the highest arrival rate full batches can serve.
    /// </summary>
    public static double MaxStableArrivalRate(double fixedSeconds, double perItemSeconds, int maxBatchSize)
    {
        NonNegative(fixedSeconds, nameof(fixedSeconds));
        NonNegative(perItemSeconds, nameof(perItemSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var full = fixedSeconds + perItemSeconds * maxBatchSize;
        return full > 0 ? maxBatchSize / full : double.PositiveInfinity;
    }

    private static void Stable(double arrivalRate, double serviceRate)
    {
        Positive(arrivalRate, nameof(arrivalRate));
        Positive(serviceRate, nameof(serviceRate));
        if (arrivalRate >= serviceRate)
        {
            throw new ArgumentException($"The queue is unstable: arrivals ({arrivalRate}/s) must be fewer than services ({serviceRate}/s); its latency grows without bound.", nameof(arrivalRate));
        }
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than 0.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 or more.");
        }
    }

    private static void Probability(double p, string name)
    {
        if (!double.IsFinite(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability between 0 and 1 (exclusive), for example 0.99.");
        }
    }
}

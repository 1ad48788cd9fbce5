namespace BatchLearning.Latency;

/// <summary>
/// Closed-form latencies of batching windows and single-server queues (the course's reference: batching-facts.md).
/// Times are in seconds, rates in requests per second. Each formula is checked against <see cref="BatchingSimulator"/> in the tests.
/// </summary>
public static class LatencyFormulas
{
    /// <summary>The lowest arrival rate the formulas and the simulator take: 1e-6 requests per second (about one every 11.6 days); below it every wait rounds to nothing.</summary>
    public const double LowestRate = 1e-6;

    /// <summary>The highest arrival or service rate they take: 1e9 requests per second.</summary>
    public const double HighestRate = 1e9;

    /// <summary>The longest window, period or service time they take: 1e9 seconds (about 31.7 years), so rate x time stays a finite count.</summary>
    public const double LongestSeconds = 1e9;

    /// <summary>Periodic flush every <paramref name="periodSeconds"/>: an item waits Uniform(0, T), so its p-quantile wait is p x T (mean T/2).</summary>
    public static double PeriodicFlushWaitQuantile(double periodSeconds, double p)
    {
        Seconds(periodSeconds, nameof(periodSeconds));
        Probability(p, nameof(p));
        return p * periodSeconds;
    }

    /// <summary>Periodic flush: the mean number of items in a flush, lambda x T (a Poisson count).</summary>
    public static double PeriodicFlushMeanBatchSize(double arrivalRate, double periodSeconds)
    {
        Rate(arrivalRate, nameof(arrivalRate));
        Seconds(periodSeconds, nameof(periodSeconds));
        return arrivalRate * periodSeconds;
    }

    /// <summary>Periodic flush: the chance that a window holds no item, exp(-lambda x T).</summary>
    public static double PeriodicFlushEmptyProbability(double arrivalRate, double periodSeconds)
    {
        Rate(arrivalRate, nameof(arrivalRate));
        Seconds(periodSeconds, nameof(periodSeconds));
        return Math.Exp(-arrivalRate * periodSeconds);
    }

    /// <summary>A window opened by the first arrival and closed after T (no size cap): mean batch 1 + lambda x T.</summary>
    public static double FirstArrivalWindowMeanBatchSize(double arrivalRate, double windowSeconds)
    {
        Rate(arrivalRate, nameof(arrivalRate));
        Seconds(windowSeconds, nameof(windowSeconds));
        return 1 + arrivalRate * windowSeconds;
    }

    /// <summary>A window opened by the first arrival, no size cap: mean wait per item T(1 + lambda T / 2) / (1 + lambda T).</summary>
    public static double FirstArrivalWindowMeanWait(double arrivalRate, double windowSeconds)
    {
        Rate(arrivalRate, nameof(arrivalRate));
        Seconds(windowSeconds, nameof(windowSeconds));
        // T (1 + L/2) / (1 + L) written as T (1/2 + 1/(2(1 + L))): no infinity over infinity for a huge load L.
        var load = arrivalRate * windowSeconds;
        return windowSeconds * (0.5 + 0.5 / (1 + load));
    }

    /// <summary>
    /// A window opened by the first arrival that closes after T or at the <paramref name="maxBatchSize"/>-th item:
    /// mean batch 1 + E[min(N, B_max - 1)] with N ~ Poisson(lambda x T).
    /// </summary>
    /// <remarks>
    /// E[min(N, c)] is computed from whichever tail is short: lambda T - E[(N - c)+] when c is at or above the mean, c - E[(c - N)+] below it,
    /// each summed outward from c with Poisson terms started in log space (so exp(-lambda T) never underflows) and stopped 12 standard
    /// deviations past the mode, where the terms are below 1e-30 of the result. Exact to rounding for small values; at most about a million terms for any cap.
    /// </remarks>
    /// <param name="arrivalRate">Requests per second, more than 0.</param>
    /// <param name="windowSeconds">The window T in seconds, more than 0.</param>
    /// <param name="maxBatchSize">B_max, 1 or more (int.MaxValue for no practical cap).</param>
    public static double CappedWindowMeanBatchSize(double arrivalRate, double windowSeconds, int maxBatchSize)
    {
        Guard.Above(arrivalRate, 0, double.MaxValue, nameof(arrivalRate)); // any load: the answer is at most the cap
        Guard.Above(windowSeconds, 0, double.MaxValue, nameof(windowSeconds));
        Guard.InRange(maxBatchSize, 1, int.MaxValue);
        return 1 + PoissonMeanUpTo(arrivalRate * windowSeconds, maxBatchSize - 1);
    }

    // E[min(N, cap)] for N ~ Poisson(mean).
    private static double PoissonMeanUpTo(double mean, int cap)
    {
        if (cap == 0 || double.IsPositiveInfinity(mean))
        {
            return cap;
        }

        var mode = Math.Floor(mean);
        var spread = 12 * Math.Sqrt(mean) + 40;
        if (cap >= mean)
        {
            // mean - sum over k > cap of (k - cap) P(k): terms fall as k rises past the mode.
            return cap > mode + spread ? mean : mean - ExcessAbove(mean, cap, mode + spread);
        }

        // cap - sum over k < cap of (cap - k) P(k): terms fall as k drops below the mode.
        return cap < mode - spread ? cap : cap - ShortfallBelow(mean, cap, mode - spread);
    }

    // Sum over k from cap + 1 to last of (k - cap) P(N = k).
    private static double ExcessAbove(double mean, int cap, double last)
    {
        var excess = 0.0;
        var probability = Math.Exp(LogPoisson(cap + 1.0, mean));
        for (var k = cap + 1.0; probability > 0 && k <= last; k++)
        {
            excess += (k - cap) * probability;
            probability *= mean / (k + 1);
        }

        return excess;
    }

    // Sum over k from cap - 1 down to max(0, first) of (cap - k) P(N = k).
    private static double ShortfallBelow(double mean, int cap, double first)
    {
        var shortfall = 0.0;
        var lower = Math.Exp(LogPoisson(cap - 1.0, mean));
        for (var k = cap - 1.0; lower > 0 && k >= 0 && k >= first; k--)
        {
            shortfall += (cap - k) * lower;
            lower *= k / mean;
        }

        return shortfall;
    }

    // ln P(N = k) for N ~ Poisson(mean): -mean + k ln(mean) - ln k!, with Stirling's series for large k written as k ln(mean / k) + (k - mean) so the big terms cancel first.
    private static double LogPoisson(double k, double mean)
    {
        if (k < 32)
        {
            var logFactorial = 0.0;
            for (var i = 2; i <= k; i++)
            {
                logFactorial += Math.Log(i);
            }

            return -mean + k * Math.Log(mean) - logFactorial;
        }

        var correction = 1 / (12 * k) - 1 / (360 * k * k * k) + 1 / (1260 * k * k * k * k * k);
        return k * Math.Log(mean / k) + (k - mean) - 0.5 * Math.Log(2 * Math.PI * k) - correction;
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
        Seconds(serviceSeconds, nameof(serviceSeconds));
        Stable(arrivalRate, 1 / serviceSeconds);
        var rho = arrivalRate * serviceSeconds;
        return rho * serviceSeconds / (2 * (1 - rho));
    }

    /// <summary>
    /// Batches served in s(b) = s0 + s1 x b keep up only while lambda &lt; B_max / (s0 + s1 x B_max): the highest arrival rate full batches can serve.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative, not finite or above 1e9 s, or both are 0 (a free batch serves any rate: there is no finite answer).</exception>
    public static double MaxStableArrivalRate(double fixedSeconds, double perItemSeconds, int maxBatchSize)
    {
        Guard.InRange(fixedSeconds, 0, LongestSeconds, nameof(fixedSeconds));
        Guard.InRange(perItemSeconds, 0, LongestSeconds, nameof(perItemSeconds));
        Guard.InRange(maxBatchSize, 1, int.MaxValue);
        var full = fixedSeconds + perItemSeconds * maxBatchSize;
        return full > 0 ? maxBatchSize / full : throw Guard.OutOfRange(nameof(fixedSeconds), fixedSeconds, "above 0 when perItemSeconds is 0 (a batch that takes no time serves any rate)");
    }

    private static void Stable(double arrivalRate, double serviceRate)
    {
        Rate(arrivalRate, nameof(arrivalRate));
        Guard.Above(serviceRate, 0, double.MaxValue, nameof(serviceRate));
        if (arrivalRate >= serviceRate)
        {
            throw new ArgumentException($"The queue is unstable: arrivals ({arrivalRate}/s) must be fewer than services ({serviceRate}/s); its latency grows without bound.", nameof(arrivalRate));
        }
    }

    private static void Rate(double value, string name) => Guard.InRange(value, LowestRate, HighestRate, name);

    private static void Seconds(double value, string name) => Guard.Above(value, 0, LongestSeconds, name);

    private static void Probability(double p, string name)
    {
        if (!double.IsFinite(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability between 0 and 1 (exclusive), for example 0.99.");
        }
    }
}

using System.Globalization;

namespace BatchLearning.Serving;

/// <summary>
/// One load test of a dynamic batcher (<see cref="BatcherLoadTest"/>): the batcher's settings, the offered load and the warm-up.
/// The test starts a batcher with <paramref name="Batcher"/>, warms it up (closed loop: <paramref name="WarmUpClients"/> clients send
/// <paramref name="WarmUpRequests"/> requests in all), forgets those metrics, then sends <paramref name="Requests"/> requests as an open-loop Poisson
/// stream at <paramref name="RatePerSecond"/>, as independent users would, whatever the batcher does.
/// </summary>
/// <param name="Batcher">The batcher's settings (max batch size, max delay, queue, workers).</param>
/// <param name="RatePerSecond">The offered load: requests per second, from Requests / 86,400 (the test must end within a day) to 10,000,000.</param>
/// <param name="Requests">Requests sent in the measured part, from 1 to <see cref="LoadGenerator.MaxRequests"/>.</param>
/// <param name="Seed">Seed of the arrival times; defaults to <see cref="CourseDefaults.Seed"/>. The same seed sends at the same moments.</param>
/// <param name="WarmUpRequests">Requests sent before the measurement and then forgotten, from 0 (no warm-up) to 1,000,000; defaults to 200.</param>
/// <param name="WarmUpClients">Clients that send the warm-up, each its next request when the last is answered, from 1 to 1,000; defaults to 8.</param>
public sealed record LoadTestOptions(
    DynamicBatcherOptions Batcher,
    double RatePerSecond,
    int Requests,
    long Seed = CourseDefaults.Seed,
    int WarmUpRequests = 200,
    int WarmUpClients = 8)
{
    /// <summary>The fewest requests <see cref="ForDuration"/> sends: 500, so that a p99 rests on the 5 slowest requests rather than on one.</summary>
    public const int FewestRequests = 500;

    /// <summary>The most requests <see cref="ForDuration"/> sends: 20,000 (a few seconds of traffic at most on a small machine).</summary>
    public const int MostRequests = 20_000;

    /// <summary>
    /// A test of about <paramref name="durationSeconds"/> of traffic at <paramref name="ratePerSecond"/>: rate x duration requests,
    /// at least <see cref="FewestRequests"/> and at most <see cref="MostRequests"/>.
    /// </summary>
    /// <param name="batcher">The batcher's settings.</param>
    /// <param name="ratePerSecond">The offered load, requests per second: from <see cref="FewestRequests"/> a day to 10,000,000.</param>
    /// <param name="durationSeconds">Seconds of traffic, above 0 and at most 3,600.</param>
    /// <param name="seed">Seed of the arrival times; defaults to <see cref="CourseDefaults.Seed"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate or the duration is out of range.</exception>
    public static LoadTestOptions ForDuration(DynamicBatcherOptions batcher, double ratePerSecond, double durationSeconds, long seed = CourseDefaults.Seed)
    {
        LoadGenerator.RequireRate(ratePerSecond, FewestRequests, nameof(ratePerSecond));
        Guard.Above(durationSeconds, 0, 3600);
        var requests = (int)Math.Clamp(Math.Round(ratePerSecond * durationSeconds), FewestRequests, MostRequests);
        return new LoadTestOptions(batcher, ratePerSecond, requests, seed);
    }

    /// <summary>Refuses each out-of-range setting with its name, value and valid range (the batcher's own settings included).</summary>
    internal LoadTestOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Batcher);
        Batcher.Validated();
        Guard.InRange(Requests, 1, LoadGenerator.MaxRequests);
        LoadGenerator.RequireRate(RatePerSecond, Requests, nameof(RatePerSecond));
        Guard.InRange(WarmUpRequests, 0, 1_000_000);
        Guard.InRange(WarmUpClients, 1, 1_000);
        return this;
    }
}

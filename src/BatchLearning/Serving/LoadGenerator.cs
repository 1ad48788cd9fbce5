using System.Diagnostics;
using System.Globalization;

namespace BatchLearning.Serving;

/// <summary>
/// Sends requests to a service and measures their latency: open loop (Poisson arrivals at a set rate, whatever the service does,
/// as independent users would) or closed loop (a fixed number of clients, each sending its next request when the last is answered).
/// </summary>
public static class LoadGenerator
{
    /// <summary>The most requests one load test sends: 10,000,000 (each keeps its latency in memory).</summary>
    public const int MaxRequests = 10_000_000;

    /// <summary>The longest an open-loop stream may be planned to last: 1 day (a rate of 1e-300 per second would otherwise wait for ever).</summary>
    public static readonly TimeSpan LongestOpenLoop = TimeSpan.FromDays(1);

    /// <summary>Refuses a rate that is not finite, above 10 million per second, or so low that <paramref name="requests"/> would take more than <see cref="LongestOpenLoop"/>.</summary>
    internal static void RequireRate(double ratePerSecond, int requests, string name) =>
        Guard.InRange(ratePerSecond, requests / LongestOpenLoop.TotalSeconds, 1e7, name);

    /// <summary>The most concurrent clients of a closed-loop test: 100,000.</summary>
    public const int MaxClients = 100_000;

    /// <summary>Sends <paramref name="requests"/> requests with exponentially distributed gaps (mean 1 / rate), without waiting for answers.</summary>
    /// <param name="send">Sends request number i and completes when it is answered.</param>
    /// <param name="ratePerSecond">Requests per second, from requests / <see cref="LongestOpenLoop"/> (the stream must end within a day) to 10,000,000.</param>
    /// <param name="requests">How many, from 1 to <see cref="MaxRequests"/>.</param>
    /// <param name="seed">Seed of the arrival times (any <c>long</c>, such as <see cref="CourseDefaults.Seed"/>); the same seed sends at the same times.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public static async Task<LoadResult> OpenLoopAsync(Func<int, CancellationToken, Task> send, double ratePerSecond, int requests, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        RequireCount(nameof(requests), requests, MaxRequests);
        RequireRate(ratePerSecond, requests, nameof(ratePerSecond));
        var random = Latency.SeededRandom.Create(seed);
        var latencies = new double[requests];
        var failed = new bool[requests];
        var tasks = new Task[requests];
        var clock = Stopwatch.StartNew();
        var due = 0.0;
        for (var i = 0; i < requests; i++)
        {
            due += -Math.Log(1 - random.NextDouble()) / ratePerSecond;
            // Sleep while the next arrival is far off (timers are coarse: about a millisecond), then wait to its exact time,
            // so requests are not sent in bursts. The wait yields the processor at every turn: on a machine with few cores
            // the batcher and the model need it more than the generator does.
            var ahead = due - clock.Elapsed.TotalSeconds;
            if (ahead > 0.002)
            {
                await Task.Delay(TimeSpan.FromSeconds(ahead - 0.0015), cancellationToken).ConfigureAwait(false);
            }

            while (clock.Elapsed.TotalSeconds < due)
            {
                Thread.Yield();
            }

            tasks[i] = Timed(send, i, latencies, failed, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return Summarise(latencies, failed, ratePerSecond, clock.Elapsed.TotalSeconds);
    }

    /// <summary><paramref name="clients"/> clients each send <paramref name="requestsPerClient"/> requests, one after another.</summary>
    /// <param name="send">Sends request number i and completes when it is answered.</param>
    /// <param name="clients">Concurrent clients, from 1 to <see cref="MaxClients"/>.</param>
    /// <param name="requestsPerClient">Requests each client sends, at least 1; all clients together send at most <see cref="MaxRequests"/>.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public static async Task<LoadResult> ClosedLoopAsync(Func<int, CancellationToken, Task> send, int clients, int requestsPerClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        RequireCount(nameof(clients), clients, MaxClients);
        RequireCount(nameof(requestsPerClient), requestsPerClient, MaxRequests / clients);
        var total = clients * requestsPerClient;
        var latencies = new double[total];
        var failed = new bool[total];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var j = 0; j < requestsPerClient; j++)
            {
                await Timed(send, client * requestsPerClient + j, latencies, failed, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
        return Summarise(latencies, failed, double.NaN, clock.Elapsed.TotalSeconds);
    }

    private static void RequireCount(string name, int value, int most)
    {
        if (value < 1 || value > most)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be from 1 to {most:N0}; got {value:N0}."));
        }
    }

    private static async Task Timed(Func<int, CancellationToken, Task> send, int index, double[] latencies, bool[] failed, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await send(index, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            failed[index] = true;
        }

        latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static LoadResult Summarise(double[] latencies, bool[] failed, double offered, double seconds)
    {
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => Latency.NearestRank.Quantile(sorted, p);
        var errors = failed.Count(f => f);
        return new LoadResult(latencies.Length, errors, offered, (latencies.Length - errors) / seconds, latencies.Average(), Percentile(0.50), Percentile(0.95), Percentile(0.99));
    }
}

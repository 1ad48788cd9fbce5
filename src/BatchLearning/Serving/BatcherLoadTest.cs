using System.Globalization;

namespace BatchLearning.Serving;

/// <summary>
/// Load tests of a <see cref="DynamicBatcher{TInput, TOutput}"/> in front of a batch function (a model, or anything else), the sequence every
/// serving measurement in the course repeats: start a batcher, warm it up, forget the warm-up's metrics, send open-loop Poisson traffic, read the metrics.
/// </summary>
/// <example>
/// <code>
/// var capacity = await BatcherLoadTest.MeasureCapacityAsync(classify, features);
/// var options = LoadTestOptions.ForDuration(new DynamicBatcherOptions(64, TimeSpan.FromMilliseconds(2)), 0.5 * capacity, durationSeconds: 1);
/// var result = await BatcherLoadTest.RunAsync(classify, features, options);
/// $"p99 {result.Metrics.LatencyP99Ms:0.0} ms at {result.Load.ThroughputPerSecond:N0} requests/s"
/// </code>
/// </example>
public static class BatcherLoadTest
{
    /// <summary>The most passes of a <see cref="SweepAsync{TInput, TOutput}"/>: 15.</summary>
    public const int MaxPasses = 15;

    /// <summary>
    /// One load test: a new batcher with <see cref="LoadTestOptions.Batcher"/>, the warm-up, then <see cref="LoadTestOptions.Requests"/> requests
    /// at <see cref="LoadTestOptions.RatePerSecond"/> (Poisson arrivals seeded by <see cref="LoadTestOptions.Seed"/>). Request i sends
    /// <paramref name="inputs"/>[i mod count]. The batcher is shut down (drained) before this returns.
    /// </summary>
    /// <param name="batchFunction">Computes one result per input, in order (for example <see cref="ModelBatchFunction.Classifier"/>).</param>
    /// <param name="inputs">The requests' inputs, at least one; reused in turn when the test sends more requests than there are inputs.</param>
    /// <param name="options">The batcher, the load and the warm-up.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public static async Task<LoadTestResult> RunAsync<TInput, TOutput>(
        Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> batchFunction, IReadOnlyList<TInput> inputs, LoadTestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchFunction);
        RequireInputs(inputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        await using var batcher = new DynamicBatcher<TInput, TOutput>(batchFunction, options.Batcher);
        Task Send(int i, CancellationToken token) => batcher.SubmitAsync(inputs[i % inputs.Count], token);
        if (options.WarmUpRequests > 0)
        {
            var clients = Math.Min(options.WarmUpClients, options.WarmUpRequests);
            var each = (options.WarmUpRequests + clients - 1) / clients;
            await LoadGenerator.ClosedLoopAsync(Send, clients, each, cancellationToken).ConfigureAwait(false);
        }

        batcher.ResetMetrics();
        var load = await LoadGenerator.OpenLoopAsync(Send, options.RatePerSecond, options.Requests, options.Seed, cancellationToken).ConfigureAwait(false);
        return new LoadTestResult(options, load, batcher.Metrics());
    }

    /// <summary>
    /// Runs every test in <paramref name="tests"/> <paramref name="passes"/> times: pass after pass, each pass every test once in the order given, so a
    /// busy moment of the machine spoils one pass of a test rather than all of it. Pass k sends with seed <see cref="LoadTestOptions.Seed"/> + k.
    /// Each test keeps its median pass by p50 latency (on the batcher's clock); its result's options carry that pass's seed.
    /// </summary>
    /// <param name="batchFunction">Computes one result per input, in order.</param>
    /// <param name="inputs">The requests' inputs, at least one.</param>
    /// <param name="tests">The tests, at least one; all are checked before any runs.</param>
    /// <param name="passes">Passes, from 1 to <see cref="MaxPasses"/>; defaults to 3.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <returns>One result per test, in the order given.</returns>
    public static async Task<IReadOnlyList<LoadTestResult>> SweepAsync<TInput, TOutput>(
        Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> batchFunction, IReadOnlyList<TInput> inputs, IEnumerable<LoadTestOptions> tests,
        int passes = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchFunction);
        RequireInputs(inputs);
        ArgumentNullException.ThrowIfNull(tests);
        var all = tests.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("tests is empty: give at least one LoadTestOptions.", nameof(tests));
        }

        for (var i = 0; i < all.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(all[i], $"{nameof(tests)}[{i}]");
            all[i].Validated();
        }

        if (passes is < 1 or > MaxPasses)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), passes, string.Create(CultureInfo.InvariantCulture, $"passes must be from 1 to {MaxPasses}; got {passes}."));
        }

        var runs = all.Select(_ => new List<LoadTestResult>()).ToList();
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < all.Count; i++)
            {
                var options = all[i] with { Seed = unchecked(all[i].Seed + pass) };
                runs[i].Add(await RunAsync(batchFunction, inputs, options, cancellationToken).ConfigureAwait(false));
            }
        }

        return runs.Select(r => r.OrderBy(p => p.Metrics.LatencyP50Ms).ElementAt(r.Count / 2)).ToList();
    }

    /// <summary>
    /// The batcher's capacity: the requests per second it answers when <paramref name="clients"/> clients each send their next request as soon as
    /// the last is answered (closed loop), after a warm-up of a fifth as many requests. With the default settings (batches of one, no delay) this is
    /// what the batch function serves one request at a time; offered loads are then stated as a share of it.
    /// </summary>
    /// <param name="batchFunction">Computes one result per input, in order.</param>
    /// <param name="inputs">The requests' inputs, at least one.</param>
    /// <param name="batcher">The batcher's settings; <c>MaxBatchSize 1, MaxDelay 0</c> (one request at a time) when null.</param>
    /// <param name="clients">Concurrent clients, from 1 to <see cref="LoadGenerator.MaxClients"/>; defaults to 8.</param>
    /// <param name="requestsPerClient">Requests each client sends, at least 1 (all clients together at most <see cref="LoadGenerator.MaxRequests"/>); defaults to 500.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <returns>Completed requests per second.</returns>
    public static async Task<double> MeasureCapacityAsync<TInput, TOutput>(
        Func<IReadOnlyList<TInput>, IReadOnlyList<TOutput>> batchFunction, IReadOnlyList<TInput> inputs, DynamicBatcherOptions? batcher = null,
        int clients = 8, int requestsPerClient = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchFunction);
        RequireInputs(inputs);
        if (clients is < 1 or > LoadGenerator.MaxClients)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients,
                string.Create(CultureInfo.InvariantCulture, $"clients must be from 1 to {LoadGenerator.MaxClients:N0}; got {clients:N0}."));
        }

        if (requestsPerClient < 1 || requestsPerClient > LoadGenerator.MaxRequests / clients)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerClient), requestsPerClient, string.Create(CultureInfo.InvariantCulture,
                $"requestsPerClient must be from 1 to {LoadGenerator.MaxRequests / clients:N0} ({clients:N0} clients send at most {LoadGenerator.MaxRequests:N0} in all); got {requestsPerClient:N0}."));
        }

        await using var server = new DynamicBatcher<TInput, TOutput>(batchFunction, batcher ?? new DynamicBatcherOptions(MaxBatchSize: 1, MaxDelay: TimeSpan.Zero));
        Task Send(int i, CancellationToken token) => server.SubmitAsync(inputs[i % inputs.Count], token);
        await LoadGenerator.ClosedLoopAsync(Send, clients, Math.Max(1, requestsPerClient / 5), cancellationToken).ConfigureAwait(false);
        var load = await LoadGenerator.ClosedLoopAsync(Send, clients, requestsPerClient, cancellationToken).ConfigureAwait(false);
        return load.ThroughputPerSecond;
    }

    private static void RequireInputs<TInput>(IReadOnlyList<TInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("inputs is empty: give at least one request input (they are reused in turn).", nameof(inputs));
        }
    }
}

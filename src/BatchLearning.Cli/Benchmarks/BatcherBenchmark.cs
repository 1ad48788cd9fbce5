using System.Diagnostics;
using BatchLearning.Inference;
using BatchLearning.Models;
using BatchLearning.Notebook;
using BatchLearning.Runtime;
using BatchLearning.Serving;
using BatchLearning.Timing;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>The dynamic batcher against its targets: overhead per request, throughput at saturation, p99 under 80% load.</summary>
internal static class BatcherBenchmark
{
    /// <summary>Runs the three measurements, each <paramref name="repetitions"/> times after a warm-up.</summary>
    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(int requests, int repetitions)
    {
        var results = new List<BenchFigure> { await OverheadAsync(requests, repetitions) };

        // 2 and 3, first with the course's reference MLP (784-256-10): about 0.4 MFLOP per item, so saturation is over 100,000 requests a second
        // and "80% load" asks the in-process load generator for more than two cores can send. Then with a heavier MLP (784-2048-2048-10, about
        // 11.6 MFLOP per item): its 80% load is a rate the generator sustains, so its p99 measures the batcher rather than the generator.
        // libtorch runs on one thread here, leaving the other core(s) to the load generator and the batcher: on a 2-core machine two libtorch
        // threads starve the generator's timing and every percentile measures that, not the batcher.
        var threads = torch.get_num_threads();
        torch.set_num_threads(Math.Max(1, threads - 1));
        try
        {
            results.AddRange(await ModelFiguresAsync(Mlp.Reference, requests, repetitions));
            results.AddRange(await ModelFiguresAsync(Mlp.Heavy, Math.Max(2_000, requests / 5), repetitions));
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        return results;
    }

    // 1. Overhead: a trivial batch function, called directly with batches of 64 and through the batcher by 64 clients.
    private static async Task<BenchFigure> OverheadAsync(int requests, int repetitions)
    {
        Func<IReadOnlyList<int>, IReadOnlyList<int>> identity = inputs => inputs.ToArray();
        var batch = Enumerable.Range(0, 64).ToArray();
        var overheads = new double[repetitions];
        for (var r = -1; r < repetitions; r++)
        {
            var direct = Stopwatch.StartNew();
            for (var i = 0; i < requests / 64; i++)
            {
                identity(batch);
            }

            var directSeconds = direct.Elapsed.TotalSeconds;
            await using var batcher = new DynamicBatcher<int, int>(identity, new DynamicBatcherOptions(MaxBatchSize: 64, MaxDelay: TimeSpan.Zero));
            var load = await LoadGenerator.ClosedLoopAsync((i, ct) => batcher.SubmitAsync(i, ct), clients: 64, requestsPerClient: requests / 64);
            if (r >= 0)
            {
                overheads[r] = ((load.Requests / load.ThroughputPerSecond) - directSeconds) / load.Requests * 1e6;
            }
        }

        return Figure("batcher overhead per request", overheads, "µs", "median at most 10 µs", median => median <= 10);
    }

    private static async Task<IReadOnlyList<BenchFigure>> ModelFiguresAsync(Mlp mlp, int requests, int repetitions)
    {
        var device = TorchRuntime.Device;
        TorchRuntime.Seed(Course.DefaultSeed);
        using var model = mlp.Create(device);
        using var inputs = rand(4096, mlp.Inputs, device: device);
        var features = inputs.cpu().data<float>().ToArray().Chunk(mlp.Inputs).Take(2048).ToArray();
        var classify = ModelBatchFunction.Classifier(model, mlp.Inputs, device);
        var offline = BatchPredictor.Profile(model, inputs, [64], repetitions: 5).Single();

        // Saturation: 256 clients, each sending its next request when the last is answered, against the forward pass offline in batches of 64.
        var forward = new ComparedWay("forward pass offline, batches of 64", (int)inputs.shape[0], () => ForwardInBatches(model, inputs));
        var saturation = await SaturationSharesAsync(forward, classify, features, Math.Max(1, requests / 256), repetitions);

        // What the serving path's batch function (vectors -> one tensor -> forward -> classes, with the NaN check) costs over the forward pass alone,
        // both offline and interleaved: the part of the gap above that is not the batcher's.
        var batches = features.Chunk(64).Where(b => b.Length == 64).ToArray();
        var functionShare = HeadToHead.Run(
            forward,
            new ComparedWay("batch function", batches.Length * 64, () => Array.ForEach(batches, batch => classify(batch))),
            new HeadToHeadOptions { Rounds = repetitions, TorchThreads = null });
        var results = new List<BenchFigure>
        {
            Figure($"{mlp.Name}: throughput at saturation / offline batch 64 (forward pass only, interleaved)", saturation, "%", "at least 80%", median => median >= 80),
            BenchFigure.Of(Section, $"{mlp.Name}: the batch function called offline / the forward pass alone, batch 64, interleaved (context: no target)",
                [.. functionShare.Ratios.Select(r => r * 100)], "%"),
        };

        // p99 at 80% of the saturated rate, against max delay + 2 x the service time of a full batch. Two clocks: the batcher's own
        // (submit to result, what the batcher is responsible for) and the load generator's (scheduled send to the awaiting task resuming),
        // which on a small machine also holds the generator's lateness and thread-pool delays.
        var rate = 0.8 * HeadToHead.Median(saturation) / 100 * offline.ItemsPerSecond;
        var (batcherP99, generatorP99) = await P99Async(classify, features, rate, Math.Max(1000, requests / 4), repetitions);
        var bound = Batcher.MaxDelay.TotalMilliseconds + 2 * offline.BatchMilliseconds;
        results.Add(Figure($"{mlp.Name}: p99 latency at 80% load ({rate:N0} req/s), batcher's clock", batcherP99, "ms", $"at most max delay + 2 x full batch = {bound:0.00} ms", median => median <= bound));
        results.Add(BenchFigure.Of(Section, $"{mlp.Name}: p99 latency at 80% load, load generator's clock (includes the sender's own delays, context: no target)", generatorP99, "ms"));
        return results;
    }

    // The saturated batcher's throughput as a share of the forward pass called offline in batches of 64 (%), one share per round, timed
    // interleaved (HeadToHead, one libtorch thread) so that a busy moment of the machine slows both sides of a round alike. A round runs the
    // forward pass over the 4,096 rows, then 256 clients in a closed loop through one batcher; four untimed rounds first, so that the runtime
    // has compiled the serving path's code optimized, as in a server that has been running for a while.
    private static async Task<double[]> SaturationSharesAsync(ComparedWay forward,
        Func<IReadOnlyList<float[]>, IReadOnlyList<int>> classify, float[][] features, int requestsPerClient, int repetitions)
    {
        await using var batcher = new DynamicBatcher<float[], int>(classify, Batcher);
        Task Send(int i, CancellationToken token) => batcher.SubmitAsync(features[i % features.Length], token);
        var served = new ComparedWay("through the batcher", 256 * requestsPerClient,
            () => LoadGenerator.ClosedLoopAsync(Send, clients: 256, requestsPerClient).GetAwaiter().GetResult());
        var options = new HeadToHeadOptions { Rounds = repetitions, WarmUpRounds = 4, TorchThreads = null };
        // Its own thread: the comparison blocks while the clients run on the thread pool.
        var result = await Task.Factory.StartNew(() => HeadToHead.Run(forward, served, options), TaskCreationOptions.LongRunning);
        return [.. result.Ratios.Select(ratio => ratio * 100)];
    }

    // The same pass as BatchPredictor.Profile's (private there): every row, in batches of 64, no gradients.
    private static void ForwardInBatches(nn.Module<Tensor, Tensor> model, Tensor inputs)
    {
        using var noGradients = no_grad();
        for (long start = 0; start < inputs.shape[0]; start += 64)
        {
            using var scope = NewDisposeScope();
            model.forward(inputs.narrow(0, start, 64));
        }
    }

    // One open-loop load test per repetition at the given rate (arrivals seeded 10, 11, ...): p99 on the batcher's clock and on the generator's.
    private static async Task<(double[] Batcher, double[] Generator)> P99Async(
        Func<IReadOnlyList<float[]>, IReadOnlyList<int>> classify, float[][] features, double rate, int requests, int repetitions)
    {
        var batcherP99 = new double[repetitions];
        var generatorP99 = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var test = await BatcherLoadTest.RunAsync(classify, features, new LoadTestOptions(Batcher, rate, requests, Seed: r + 10));
            batcherP99[r] = test.Metrics.LatencyP99Ms;
            generatorP99[r] = test.Load.LatencyP99Ms;
        }

        return (batcherP99, generatorP99);
    }

    // The batcher of the saturation and p99 figures: batches of up to 64, a max delay of 2 ms.
    private static readonly DynamicBatcherOptions Batcher = new(MaxBatchSize: 64, MaxDelay: TimeSpan.FromMilliseconds(2));

    private const string Section = "dynamic batcher";

    private static BenchFigure Figure(string name, double[] values, string unit, string target, Func<double, bool> meets) =>
        BenchFigure.Of(Section, name, values, unit, target, meets);
}

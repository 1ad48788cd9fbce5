using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>The machine's matrix-product ceiling, and inference of the course's reference MLP (784-256-10) per batch size against it.</summary>
internal static class InferenceBenchmark
{
    /// <summary>FLOPs of one item through the reference MLP: 2 x (784 x 256 + 256 x 10).</summary>
    public const double FlopsPerItem = 2.0 * (784 * 256 + 256 * 10);

    /// <summary>The best of the n = 1,024 and 2,048 products, each the median of its repetitions; returns the figures and the ceiling.</summary>
    public static (IReadOnlyList<BenchFigure> Figures, double Ceiling) Ceiling(int repetitions)
    {
        var figures = new List<BenchFigure>();
        foreach (var n in new[] { 1024, 2048 })
        {
            var values = Enumerable.Range(0, repetitions).Select(_ => MatrixProductBenchmark.Measure(n, repetitions: 3).GigaflopsPerSecond).ToList();
            figures.Add(BenchFigure.Of("ceiling", $"matrix product n = {n}", values, "GFLOP/s"));
        }

        return (figures, figures.Max(f => f.Median));
    }

    /// <summary>Throughput per batch size over 8,192 random inputs: each repetition one full pass (after a warm-up pass), as items/s, GFLOP/s and a share of the ceiling.</summary>
    public static IReadOnlyList<BenchFigure> ReferenceMlp(IReadOnlyList<int> batchSizes, double ceiling, int repetitions, int items = 8192)
    {
        var device = TorchRuntime.Device;
        TorchRuntime.Seed(1);
        using var model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(device);
        using var inputs = rand(items, 784, device: device);
        var figures = new List<BenchFigure>();
        var medians = new Dictionary<int, double>();
        foreach (var batchSize in batchSizes)
        {
            var values = Enumerable.Range(0, repetitions).Select(_ => BatchPredictor.Profile(model, inputs, [batchSize], repetitions: 1, flopsPerItem: FlopsPerItem).Single().ItemsPerSecond).ToList();
            var figure = BenchFigure.Of("inference", $"MLP 784-256-10, batch {batchSize}", values, "items/s");
            medians[batchSize] = figure.Median;
            figures.Add(figure);
            figures.Add(BenchFigure.Of("inference", $"MLP batch {batchSize}, achieved", values.Select(v => v * FlopsPerItem / 1e9).ToList(), "GFLOP/s"));
            figures.Add(BenchFigure.Of("inference", $"MLP batch {batchSize}, share of the ceiling", values.Select(v => v * FlopsPerItem / 1e9 / ceiling).ToList(), "fraction"));
        }

        var best = medians.MaxBy(m => m.Value);
        var bestShare = figures.Single(f => f.Name == $"MLP batch {best.Key}, share of the ceiling");
        figures.Add(bestShare with { Name = $"best batch ({best.Key}), share of the ceiling", Target = ">= 0.80", Met = bestShare.Median >= 0.8 });
        if (medians.TryGetValue(1, out var one))
        {
            figures.Add(new BenchFigure("inference", $"speed-up of the best batch ({best.Key}) over batch 1", best.Value / one, best.Value / one, best.Value / one, "x", repetitions));
        }

        return figures;
    }
}

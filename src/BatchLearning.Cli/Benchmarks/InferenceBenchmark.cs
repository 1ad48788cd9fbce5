using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Models;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// Inference of the course's reference MLP (784-256-10) per batch size against the machine's ceiling, measured the way the notebooks measure it:
/// interleaved with the ceiling (<see cref="BatchPredictor.ProfileAgainstCeiling"/>), so a busy machine cannot put a share of the ceiling above 1.
/// </summary>
internal static class InferenceBenchmark
{
    /// <summary>
    /// <paramref name="repetitions"/> interleaved profiles (5 rounds, 0.2 s of calls per batch size each): per repetition the ceiling (best sample),
    /// and per batch size items/s, GFLOP/s and the share of that repetition's ceiling.
    /// </summary>
    /// <param name="batchSizes">Batch sizes, each from 1 to <paramref name="items"/>.</param>
    /// <param name="repetitions">Interleaved profiles, at least 1.</param>
    /// <param name="items">Random inputs; the batches are their first rows.</param>
    public static IReadOnlyList<BenchFigure> ReferenceMlp(IReadOnlyList<int> batchSizes, int repetitions, int items = 8192)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var device = TorchRuntime.Device;
        TorchRuntime.Seed(1);
        var mlp = Mlp.Reference;
        using var model = mlp.Create(device);
        using var inputs = rand(items, mlp.Inputs, device: device);
        var runs = Enumerable.Range(0, repetitions).Select(_ => BatchPredictor.ProfileAgainstCeiling(model, inputs, batchSizes, mlp.FlopsPerItem)).ToList();

        var figures = new List<BenchFigure>
        {
            BenchFigure.Of("ceiling", $"matrix product, best of n = {string.Join(", ", CeilingBenchmark.MatrixSizes)} (interleaved with the MLP)",
                runs.Select(r => r.Ceiling.PeakGigaflopsPerSecond).ToList(), "GFLOP/s"),
        };
        var medians = new Dictionary<int, double>();
        for (var i = 0; i < batchSizes.Count; i++)
        {
            var batchSize = batchSizes[i];
            var points = runs.Select(r => r.Points[i]).ToList();
            var figure = BenchFigure.Of("inference", $"{mlp.Name}, batch {batchSize}", points.Select(p => p.ItemsPerSecond).ToList(), "items/s");
            medians[batchSize] = figure.Median;
            figures.Add(figure);
            figures.Add(BenchFigure.Of("inference", $"MLP batch {batchSize}, achieved", points.Select(p => p.GigaflopsPerSecond).ToList(), "GFLOP/s"));
            figures.Add(BenchFigure.Of("inference", $"MLP batch {batchSize}, share of the ceiling", points.Select(p => p.ShareOfCeiling).ToList(), "fraction",
                "<= 1.05 (measured interleaved)", share => share <= 1.05));
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

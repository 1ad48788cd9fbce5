using System.Diagnostics;
using BatchLearning.Data;
using BatchLearning.Memory;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// Training speed of the library's trainer against a hand-written TorchSharp loop doing the same work (a new shuffle each epoch, batches gathered by
/// indexing, forward, mean loss, backward, SGD step, the loss read back each update), on the course's reference MLP (784-256-10); and peak memory per batch size with the M(B) fit.
/// </summary>
internal static class TrainerBenchmark
{
    /// <summary>Times one epoch of each loop per batch size, alternating the two, after one warm-up epoch of each.</summary>
    /// <param name="batchSizes">Batch sizes to time.</param>
    /// <param name="samples">Samples in the synthetic training set.</param>
    /// <param name="repetitions">Timed epochs per loop and batch size.</param>
    /// <param name="progress">Receives the trainer's progress (the CLI shows it as a bar).</param>
    /// <returns>Per batch size: the trainer's samples/s, the hand-written loop's, and their ratio round by round (each round times both, one after the other) against the 5% target.</returns>
    public static IReadOnlyList<BenchFigure> CompareWithHandWrittenLoop(IReadOnlyList<int> batchSizes, int samples, int repetitions, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        TorchRuntime.Initialize();
        using var data = SyntheticData.Blobs(samples, classes: Mlp.Reference.Outputs, features: Mlp.Reference.Inputs, spread: 8, seed: 1);
        var results = new List<BenchFigure>();
        foreach (var batchSize in batchSizes)
        {
            var trainer = new List<double>();
            var hand = new List<double>();
            for (var round = -1; round < repetitions; round++)
            {
                var trainerSpeed = TrainerEpoch(data, batchSize, round, progress);
                var handSpeed = HandWrittenEpoch(data, batchSize, round);
                if (round >= 0)
                {
                    trainer.Add(trainerSpeed);
                    hand.Add(handSpeed);
                }
            }

            results.Add(BenchFigure.Of("training", $"trainer, {Mlp.Reference.Name}, batch {batchSize}", trainer, "samples/s"));
            results.Add(BenchFigure.Of("training", $"hand-written loop, batch {batchSize}", hand, "samples/s"));
            results.Add(BenchFigure.Of("training", $"trainer / hand-written loop, batch {batchSize}", trainer.Zip(hand, (t, h) => t / h).ToList(), "ratio", ">= 0.95 (within 5%)", ratio => ratio >= 0.95));
        }

        return results;
    }

    /// <summary>Peak training memory of a wide MLP (<see cref="Mlp.Wide"/>, 784-1024-1024-10) per batch size, and the fitted line.</summary>
    public static (IReadOnlyList<MemoryMeasurement> Measurements, MemoryFit Fit) Memory(IReadOnlyList<int> batchSizes)
    {
        using var data = SyntheticData.Blobs(batchSizes.Max(), classes: Mlp.Wide.Outputs, features: Mlp.Wide.Inputs, seed: 1);
        var measurements = TrainingMemory.Measure(() => Mlp.Wide.Create(CPU), nn.CrossEntropyLoss(), data, batchSizes);
        return (measurements, MemoryFit.Fit(measurements));
    }

    private static nn.Module<Tensor, Tensor> Model(long seed)
    {
        TorchRuntime.Seed(seed);
        return Mlp.Reference.Create();
    }

    private static double TrainerEpoch(TensorDataSet data, int batchSize, int round, IProgress<TrainingProgress>? progress)
    {
        using var model = Model(round);
        var run = Trainer.Train(model, nn.CrossEntropyLoss(), data, null,
            new TrainingOptions(batchSize, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(0.01)) { Seed = round, Name = $"trainer, batch {batchSize}" }, progress);
        return run.SamplesPerSecond;
    }

    private static double HandWrittenEpoch(TensorDataSet data, int batchSize, int round)
    {
        using var model = Model(round);
        var device = TorchRuntime.Device;
        var loss = nn.CrossEntropyLoss();
        using var optimizer = optim.SGD(model.parameters(), 0.01);
        var features = data.Features.to(device);
        var labels = data.Labels.to(device);
        model.train();
        var watch = Stopwatch.StartNew();
        using (var epoch = NewDisposeScope())
        {
            var order = randperm(data.Count, device: device);
            for (long start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = order.narrow(0, start, Math.Min(batchSize, data.Count - start));
                optimizer.zero_grad();
                var value = loss.forward(model.forward(features.index_select(0, rows)), labels.index_select(0, rows));
                value.backward();
                _ = value.item<float>();
                optimizer.step();
            }
        }

        return data.Count / watch.Elapsed.TotalSeconds;
    }
}

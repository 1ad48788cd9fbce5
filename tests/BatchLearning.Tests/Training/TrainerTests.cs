using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class TrainerTests
{
    private static nn.Module<Tensor, Tensor> Model(long seed = 1)
    {
        TorchRuntime.Seed(seed);
        return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3));
    }

    private static DataSplit Blobs() => SyntheticData.Blobs(600, classes: 3, features: 4, spread: 2, seed: 3).Split(0.25, seed: 3);

    private static TrainingOptions Options(int batchSize, TrainingBudget budget, OptimizerSettings? optimizer = null) =>
        new(batchSize, budget, optimizer ?? OptimizerSettings.SgdWithMomentum(0.05)) { Seed = 17 };

    [Fact]
    public void Training_learns_separable_blobs_and_records_every_update_and_epoch()
    {
        using var data = Blobs();
        var model = Model();
        var (untrainedLoss, untrainedAccuracy) = Trainer.Evaluate(model, nn.CrossEntropyLoss(), data.Test);

        var run = Trainer.Train(model, nn.CrossEntropyLoss(), data.Train, data.Test, Options(32, TrainingBudget.OfEpochs(5)));

        var perEpoch = (450 + 31) / 32;
        Assert.Equal(5 * perEpoch, run.Updates.Count);
        Assert.Equal(Enumerable.Range(1, 5), run.Epochs.Select(e => e.Epoch));
        Assert.Equal(Enumerable.Range(1, 5).Select(e => e * perEpoch), run.Epochs.Select(e => e.Updates));
        Assert.Equal(450 - 14 * 32, run.Updates[perEpoch - 1].BatchSize);
        Assert.True(run.Final!.TestAccuracy > 0.9, $"test accuracy {run.Final.TestAccuracy}");
        Assert.True(run.Final.TestLoss < untrainedLoss / 3, $"test loss {run.Final.TestLoss} against {untrainedLoss} untrained");
        Assert.True(untrainedAccuracy < 0.8);
        Assert.All(run.Epochs, e => Assert.True(e.SamplesPerSecond > 0 && e.Seconds > 0));
    }

    [Fact]
    public void The_same_seed_gives_the_identical_loss_curve()
    {
        using var data = Blobs();
        var options = Options(16, TrainingBudget.OfEpochs(2));

        var first = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, options);
        var second = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, options);
        var otherSeed = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, options with { Seed = 18 });

        Assert.Equal(first.Updates.Select(u => u.Loss), second.Updates.Select(u => u.Loss));
        Assert.Equal(first.Epochs.Select(e => e.TestLoss), second.Epochs.Select(e => e.TestLoss));
        Assert.NotEqual(first.Updates.Select(u => u.Loss), otherSeed.Updates.Select(u => u.Loss));
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.SgdWithMomentum)]
    [InlineData(OptimizerKind.Adam)]
    public void Accumulating_k_pieces_of_b_gives_the_same_training_as_batches_of_k_times_b(OptimizerKind kind)
    {
        using var data = Blobs();
        var optimizer = new OptimizerSettings(kind, kind == OptimizerKind.Adam ? 0.01 : 0.05);
        var whole = Options(64, TrainingBudget.OfUpdates(12), optimizer);
        var modelWhole = Model();
        var modelPieces = Model();

        var runWhole = Trainer.Train(modelWhole, nn.CrossEntropyLoss(), data.Train, null, whole);
        var runPieces = Trainer.Train(modelPieces, nn.CrossEntropyLoss(), data.Train, null, whole with { AccumulationSteps = 4 });

        foreach (var (a, b) in runWhole.Updates.Zip(runPieces.Updates))
        {
            Assert.Equal(a.Loss, b.Loss, 4);
        }

        foreach (var (a, b) in modelWhole.parameters().Zip(modelPieces.parameters()))
        {
            Assert.True((a - b).abs().max().item<float>() < 1e-4);
        }
    }

    [Fact]
    public void A_resumed_run_continues_the_same_curve_as_an_uninterrupted_one()
    {
        using var data = Blobs();
        var directory = Path.Combine(Path.GetTempPath(), "batchlearning-tests", Guid.NewGuid().ToString("N"));
        var options = Options(32, TrainingBudget.OfEpochs(3), OptimizerSettings.Adam(0.01)) with
        {
            Checkpoint = new CheckpointOptions(directory, EveryUpdates: 10),
            Schedule = LearningRateSchedule.WarmUp(5, LearningRateSchedule.Cosine(40)),
        };
        var uninterrupted = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, options with { Checkpoint = null });

        // Stop the run after update 25 ("the crash"); the last checkpoint is the one at update 20.
        using var stop = new CancellationTokenSource();
        var progress = new Reporter(p => { if (p.Update == 25) { stop.Cancel(); } });
        var stopped = Assert.Throws<TrainingCancelledException>(() => Trainer.Train(new Objective(Model(), nn.CrossEntropyLoss()), data.Train, data.Test, options, progress, stop.Token));
        Assert.Equal(25, stopped.Run.Updates.Count);
        var resumed = Trainer.Resume(directory, Model(seed: 99), nn.CrossEntropyLoss(), data.Train, data.Test, options);

        Assert.Equal(uninterrupted.Updates.Count, resumed.Updates.Count);
        Assert.Equal(uninterrupted.Updates.Select(u => u.Loss), resumed.Updates.Select(u => u.Loss));
        Assert.Equal(uninterrupted.Updates.Select(u => u.LearningRate), resumed.Updates.Select(u => u.LearningRate));
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TestLoss), resumed.Epochs.Select(e => e.TestLoss));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Resuming_with_a_different_batch_size_is_refused()
    {
        using var data = Blobs();
        var directory = Path.Combine(Path.GetTempPath(), "batchlearning-tests", Guid.NewGuid().ToString("N"));
        var options = Options(32, TrainingBudget.OfUpdates(4)) with { Checkpoint = new CheckpointOptions(directory, 2) };
        Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, null, options);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Resume(directory, Model(), nn.CrossEntropyLoss(), data.Train, null, options with { BatchSize = 64 }));

        Assert.Contains("BatchSize = 32", error.Message);
        Assert.Throws<FileNotFoundException>(() => Trainer.Resume(directory + "-missing", Model(), nn.CrossEntropyLoss(), data.Train, null, options));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void An_update_budget_stops_mid_epoch_and_records_where_it_stopped()
    {
        using var data = Blobs();

        var run = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, Options(100, TrainingBudget.OfUpdates(7)));

        Assert.Equal(7, run.Updates.Count);
        Assert.Equal(new[] { 1, 2 }, run.Epochs.Select(e => e.Epoch));
        Assert.Equal(new[] { 5, 7 }, run.Epochs.Select(e => e.Updates));
    }

    [Fact]
    public void A_loss_that_becomes_infinite_stops_training_naming_the_update_and_keeping_the_updates_before()
    {
        TorchRuntime.Seed(1);
        using var x = randn(200, 3) * 100;
        using var data = new TensorDataSet(x, x.sum(1, keepdim: true));
        var model = nn.Linear(3, 1);

        var error = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(model, nn.MSELoss(), data, null, new TrainingOptions(20, TrainingBudget.OfEpochs(5), OptimizerSettings.Sgd(10))));

        Assert.True(error.Update > 1);
        Assert.Equal(error.Update - 1, error.Run.Updates.Count);
        Assert.Contains($"at update {error.Update}", error.Message);
        Assert.Contains("lower learning rate", error.Message);
    }

    [Fact]
    public void Cancelling_stops_between_batches_and_keeps_what_was_recorded()
    {
        using var data = Blobs();
        using var cancel = new CancellationTokenSource();
        var progress = new Reporter(p => { if (p.Update == 3) { cancel.Cancel(); } });

        var error = Assert.Throws<TrainingCancelledException>(() =>
            Trainer.Train(new Objective(Model(), nn.CrossEntropyLoss()), data.Train, null, Options(10, TrainingBudget.OfEpochs(2)), progress, cancel.Token));

        Assert.Equal(3, error.Run.Updates.Count);
    }

    [Fact]
    public void Progress_is_reported_after_every_update_and_ends_complete()
    {
        using var data = Blobs();
        var reports = new List<TrainingProgress>();

        Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, Options(150, TrainingBudget.OfEpochs(2)), new Reporter(reports.Add));

        Assert.Equal(Enumerable.Range(1, 6), reports.Select(r => r.Update).Distinct());
        Assert.True(reports[^1].IsComplete);
        Assert.Equal(2, reports[^1].LastEpoch!.Epoch);
        Assert.All(reports, r => Assert.Equal(6, r.TotalUpdates));
    }

    [Theory]
    [InlineData(0, 1, "batchSize")]
    [InlineData(-1, 1, "batchSize")]
    [InlineData(451, 1, "batchSize")]
    [InlineData(8, 9, "AccumulationSteps")]
    [InlineData(8, 0, "AccumulationSteps")]
    public void Out_of_range_batch_options_are_refused_naming_the_argument(int batchSize, int accumulation, string argument)
    {
        using var data = Blobs();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, null, Options(batchSize, TrainingBudget.OfEpochs(1)) with { AccumulationSteps = accumulation }));

        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void Bad_optimizer_and_budget_settings_are_refused()
    {
        using var data = Blobs();
        void Train(TrainingOptions options) => Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, null, options);

        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => Train(Options(8, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(-0.1)))).ParamName);
        Assert.Equal("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => Train(Options(8, TrainingBudget.OfEpochs(1), OptimizerSettings.SgdWithMomentum(0.1, 1.0)))).ParamName);
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => Train(Options(8, TrainingBudget.OfEpochs(0)))).ParamName);
        Assert.Throws<ArgumentException>(() => Train(Options(8, new TrainingBudget(2, 10))));
    }

    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

using BatchLearning.Data;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class ObjectiveTests
{
    private static nn.Module<Tensor, Tensor> Model(long seed = 1)
    {
        TorchRuntime.Seed(seed);
        return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3));
    }

    private static DataSplit Blobs() => SyntheticData.Blobs(300, classes: 3, features: 4, spread: 2, seed: 3).Split(0.25, seed: 3);

    private static TrainingOptions Options(int batchSize) =>
        new(batchSize, TrainingBudget.OfEpochs(2), OptimizerSettings.SgdWithMomentum(0.05)) { Seed = 17, EvaluateEveryUpdates = 4 };

    [Fact]
    public void An_objective_refuses_a_missing_model_or_loss_and_names_it()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new Objective(null!, nn.CrossEntropyLoss())).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => new Objective(nn.Linear(4, 3), null!)).ParamName);
    }

    [Fact]
    public void Training_an_objective_gives_the_same_run_as_the_model_and_loss_form()
    {
        using var data = Blobs();

        var pair = Trainer.Train(Model(), nn.CrossEntropyLoss(), data.Train, data.Test, Options(16));
        var objective = Trainer.Train(new Objective(Model(), nn.CrossEntropyLoss()), data.Train, data.Test, Options(16));

        Assert.Equal(pair.Updates.Select(u => u.Loss), objective.Updates.Select(u => u.Loss));
        Assert.Equal(pair.Evaluations.Select(e => (e.Update, e.TestLoss)), objective.Evaluations.Select(e => (e.Update, e.TestLoss)));
    }

    [Fact]
    public void A_session_checks_its_options_and_data_when_it_is_built_before_any_training()
    {
        using var data = Blobs();
        var objective = new Objective(Model(), nn.CrossEntropyLoss());

        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingSession(objective, data.Train, data.Test, Options(data.Train.Count + 1)));
        var width = Assert.Throws<ArgumentException>(() => new TrainingSession(new Objective(nn.Linear(5, 3), nn.CrossEntropyLoss()), data.Train, null, Options(16)));

        Assert.Equal("batchSize", batch.ParamName);
        Assert.Equal("train", width.ParamName);
    }

    [Fact]
    public void A_session_resumed_from_its_last_checkpoint_ends_where_the_uninterrupted_run_ends()
    {
        using var data = Blobs();
        var directory = Path.Combine(Path.GetTempPath(), "batchlearning-tests", Guid.NewGuid().ToString("N"));
        var options = Options(16) with { Checkpoint = new CheckpointOptions(directory, EveryUpdates: 5) };
        var uninterrupted = new TrainingSession(new Objective(Model(), nn.CrossEntropyLoss()), data.Train, data.Test, options with { Checkpoint = null }).Train();
        using var stop = new CancellationTokenSource();
        var session = new TrainingSession(new Objective(Model(), nn.CrossEntropyLoss()), data.Train, data.Test, options);
        Assert.Throws<TrainingCancelledException>(() => session.Train(new Stopper(12, stop), stop.Token));

        var resumed = new TrainingSession(new Objective(Model(seed: 99), nn.CrossEntropyLoss()), data.Train, data.Test, options).Resume(directory);

        Assert.Equal(uninterrupted.Updates.Select(u => u.Loss), resumed.Updates.Select(u => u.Loss));
        Assert.Equal(uninterrupted.Evaluations.Select(e => (e.Update, e.TrainLoss)), resumed.Evaluations.Select(e => (e.Update, e.TrainLoss)));
        Directory.Delete(directory, recursive: true);
    }

    private sealed class Stopper(int update, CancellationTokenSource stop) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Update == update)
            {
                stop.Cancel();
            }
        }
    }
}

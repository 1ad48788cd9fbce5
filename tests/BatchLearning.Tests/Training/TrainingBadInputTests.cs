using System.Runtime.InteropServices;
using BatchLearning.Data;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class TrainingBadInputTests
{
    private static nn.Module<Tensor, Tensor> Model(int inputs = 4, int classes = 3, int hidden = 16)
    {
        TorchRuntime.Seed(1);
        return nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, classes));
    }

    private static TensorDataSet Blobs(int features = 4, int classes = 3) => SyntheticData.Blobs(120, classes: classes, features: features, spread: 2, seed: 3);

    private static TrainingOptions Options(int batchSize = 16) => new(batchSize, TrainingBudget.OfUpdates(4), OptimizerSettings.SgdWithMomentum(0.05)) { Seed = 17 };

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "batchlearning-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Features_narrower_than_the_models_first_layer_are_refused_in_the_learners_terms()
    {
        using var data = new TensorDataSet(rand(1797, 64), zeros(1797, dtype: ScalarType.Int64));

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Model(inputs: 784, classes: 10), nn.CrossEntropyLoss(), data, null, Options()));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("The model's first layer expects 784 features per sample, the training set has 64 (features shape [1797, 64]).", error.Message);
    }

    [Fact]
    public void A_label_outside_the_models_classes_is_refused_naming_its_row()
    {
        var labels = zeros(40, dtype: ScalarType.Int64);
        labels[5] = tensor(12L);
        using var data = new TensorDataSet(rand(40, 4), labels);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Model(classes: 10), nn.CrossEntropyLoss(), data, null, Options()));
        var evaluating = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(Model(classes: 10), nn.CrossEntropyLoss(), data));

        Assert.Contains("Label 12 at row 5 is outside the model's 10 classes (0-9)", error.Message);
        Assert.Equal("train", error.ParamName);
        Assert.Contains("Label 12 at row 5", evaluating.Message);
    }

    [Fact]
    public void A_libtorch_error_from_a_model_the_checks_cannot_read_is_turned_into_a_message_about_the_data_with_the_inner_error_kept()
    {
        using var data = new TensorDataSet(rand(30, 5), zeros(30, dtype: ScalarType.Int64));
        TorchRuntime.Seed(1);
        var model = new Wrapped(nn.Linear(4, 3));

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(model, nn.CrossEntropyLoss(), data, null, Options()));
        var evaluating = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(model, nn.CrossEntropyLoss(), data));

        Assert.Contains("The model could not run on this data (features shape [30, 5], labels shape [30])", error.Message);
        Assert.IsAssignableFrom<ExternalException>(error.InnerException);
        Assert.IsAssignableFrom<ExternalException>(evaluating.InnerException);
    }

    [Fact]
    public void A_loss_that_blows_up_to_a_large_finite_value_stops_training_naming_the_update_and_the_loss_and_keeping_the_run()
    {
        TorchRuntime.Seed(1);
        using var x = randn(200, 3);
        using var data = new TensorDataSet(x, x.sum(1, keepdim: true));
        var model = nn.Linear(3, 1);

        // A learning rate of 1.5 on this quadratic roughly quadruples the loss each update: a million times the first loss long before it overflows.
        var error = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(model, nn.MSELoss(), data, null, new TrainingOptions(20, TrainingBudget.OfEpochs(10), OptimizerSettings.Sgd(1.5))));

        Assert.True(double.IsFinite(error.Loss), $"stopped only at a loss of {error.Loss}");
        Assert.True(error.Loss > error.Threshold);
        Assert.Equal(error.Update - 1, error.Run.Updates.Count);
        Assert.Contains($"at update {error.Update}", error.Message);
        Assert.Contains("DivergenceFactor", error.Message);
        Assert.Contains("lower learning rate", error.Message);
    }

    [Fact]
    public void The_divergence_check_can_be_turned_off_and_a_factor_of_1_or_less_is_refused()
    {
        using var data = Blobs();

        var run = Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, Options() with { DivergenceFactor = null });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, Options() with { DivergenceFactor = 0.5 }));

        Assert.Equal(4, run.Updates.Count);
        Assert.Equal("DivergenceFactor", error.ParamName);
        Assert.Contains("finite number above 1", error.Message);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1001.0)]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_learning_rate_outside_0_to_1000_is_refused(double learningRate)
    {
        using var data = Blobs();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, Options() with { Optimizer = OptimizerSettings.Adam(learningRate) }));

        Assert.Equal("LearningRate", error.ParamName);
        Assert.Contains("above 0 and at most 1000", error.Message);
    }

    public static TheoryData<TrainingOptions, string, string> BadOptions() => new()
    {
        { Options() with { Optimizer = OptimizerSettings.SgdWithMomentum(0.1, 1.0) }, "Momentum", "from 0 to below 1" },
        { Options() with { Optimizer = OptimizerSettings.SgdWithMomentum(0.1, double.NaN) }, "Momentum", "from 0 to below 1" },
        { Options() with { Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.1, WeightDecay: double.NaN) }, "WeightDecay", "from 0 to 1" },
        { Options() with { Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.1, WeightDecay: 5) }, "WeightDecay", "from 0 to 1" },
        { Options() with { Budget = TrainingBudget.OfUpdates(0) }, "Updates", "at least 1; got 0" },
        { Options() with { Budget = TrainingBudget.OfEpochs(-1) }, "Epochs", "at least 1; got -1" },
        { Options() with { Budget = TrainingBudget.OfEpochs(int.MaxValue) }, "Budget", "Epochs must be from 1 to 268,435,455 here" },
        { Options() with { AccumulationSteps = 0 }, "AccumulationSteps", "from 1 to the batch size, 16; got 0" },
        { Options() with { EvaluationBatchSize = 0 }, "EvaluationBatchSize", "at least 1; got 0" },
        { Options() with { EvaluateEveryUpdates = 0 }, "EvaluateEveryUpdates", "at least 1, or null" },
        { Options() with { Checkpoint = new CheckpointOptions(NewFolder(), 0) }, "EveryUpdates", "at least 1; got 0" },
        { Options() with { Optimizer = OptimizerSettings.Sgd(100), Scaling = new LearningRateScaling(ScalingRule.Linear, 1) }, "Scaling", "must be at most 1000; got 1600" },
        { Options(0), "batchSize", "from 1 to the set size, 120" },
        { Options(121), "batchSize", "Got 121" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Each_bad_option_is_refused_naming_the_setting_and_its_range(TrainingOptions options, string setting, string range)
    {
        using var data = Blobs();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options));

        Assert.Equal(setting, error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void Schedules_refuse_a_negative_warm_up_and_bad_factors_when_made()
    {
        var warmUp = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.WarmUp(-5));
        var decay = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(10, double.NaN));
        var floor = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(100, floor: double.NaN));
        var every = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0));

        Assert.Equal("updates", warmUp.ParamName);
        Assert.Contains("at least 1; got -5", warmUp.Message);
        Assert.Equal("factor", decay.ParamName);
        Assert.Contains("above 0 and at most 1", decay.Message);
        Assert.Equal("floor", floor.ParamName);
        Assert.Contains("from 0 to 1", floor.Message);
        Assert.Equal("every", every.ParamName);
    }

    [Fact]
    public void Evaluating_with_a_batch_size_of_0_is_refused_with_its_range()
    {
        using var data = Blobs();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Evaluate(Model(), nn.CrossEntropyLoss(), data, batchSize: 0));

        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("at least 1; got 0", error.Message);
    }

    [Fact]
    public void A_malformed_state_file_is_named_with_its_line()
    {
        using var data = Blobs();
        var directory = NewFolder();
        var options = Options() with { Checkpoint = new CheckpointOptions(directory, 2) };
        Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options);
        var state = Path.Combine(directory, "state.json");
        File.WriteAllText(state, "{\n  \"Version\": 1,\n  \"Name\": oops\n}");

        var error = Assert.Throws<InvalidDataException>(() => Trainer.Resume(directory, Model(), nn.CrossEntropyLoss(), data, null, options));

        Assert.Contains(state, error.Message);
        Assert.Contains("at line 3", error.Message);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Weights_of_another_shape_are_refused_naming_the_weights_file()
    {
        using var data = Blobs();
        var directory = NewFolder();
        var options = Options() with { Checkpoint = new CheckpointOptions(directory, 2) };
        Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options);
        var weights = Directory.GetFiles(directory, "model-*.bin").Single();

        var error = Assert.Throws<InvalidDataException>(() => Trainer.Resume(directory, Model(hidden: 32), nn.CrossEntropyLoss(), data, null, options));

        Assert.Contains(weights, error.Message);
        Assert.Contains("does not fit this model", error.Message);
        Assert.NotNull(error.InnerException);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_missing_or_corrupt_weights_file_is_named()
    {
        using var data = Blobs();
        var directory = NewFolder();
        var options = Options() with { Checkpoint = new CheckpointOptions(directory, 2) };
        Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options);
        var weights = Directory.GetFiles(directory, "model-*.bin").Single();
        File.WriteAllBytes(weights, [1, 2, 3]);

        var corrupt = Assert.Throws<InvalidDataException>(() => Trainer.Resume(directory, Model(), nn.CrossEntropyLoss(), data, null, options));
        File.Delete(weights);
        var missing = Assert.Throws<InvalidDataException>(() => Trainer.Resume(directory, Model(), nn.CrossEntropyLoss(), data, null, options));

        Assert.Contains(weights, corrupt.Message);
        Assert.Contains(weights, missing.Message);
        Assert.Contains("missing", missing.Message);
        Directory.Delete(directory, recursive: true);
    }

    private sealed class Wrapped : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;

        public Wrapped(nn.Module<Tensor, Tensor> inner)
            : base(nameof(Wrapped))
        {
            _inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => _inner.forward(input);
    }
}

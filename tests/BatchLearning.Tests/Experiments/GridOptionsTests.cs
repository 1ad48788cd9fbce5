using BatchLearning.Data;
using BatchLearning.Experiments;
using BatchLearning.Models;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Experiments;

[Collection(TorchRandomCollection.Name)]
public sealed class GridOptionsTests
{
    private static nn.Module<Tensor, Tensor> Model() => nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3));

    [Fact]
    public void A_grid_from_a_template_runs_as_the_grid_built_from_the_same_settings()
    {
        using var data = SyntheticData.Blobs(200, classes: 3, features: 4, spread: 3, seed: 5);
        var budget = TrainingBudget.OfEpochs(2);
        var template = new TrainingOptions(1, budget, new OptimizerSettings(OptimizerKind.SgdWithMomentum, 0.1))
        {
            Schedule = LearningRateSchedule.WarmUp(3),
            EvaluateEveryUpdates = 5,
        };
        var fromSettings = new GridOptions([16, 32], [0.05], [1, 2], budget)
        {
            Optimizer = OptimizerKind.SgdWithMomentum,
            Schedule = LearningRateSchedule.WarmUp(3),
            EvaluateEveryUpdates = 5,
        };

        var a = ExperimentGrid.Run(() => new Objective(Model(), nn.CrossEntropyLoss()), data, null, new GridOptions(template, [16, 32], [0.05], [1, 2]));
        var b = ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data, null, fromSettings);

        Assert.Equal(fromSettings.Template, new GridOptions(template, [16, 32], [0.05], [1, 2]).Template);
        Assert.Equal(a.Runs.Select(r => r.Run.Name), b.Runs.Select(r => r.Run.Name));
        Assert.Equal(a.Runs.SelectMany(r => r.Run.Evaluations.Select(e => e.TrainLoss)), b.Runs.SelectMany(r => r.Run.Evaluations.Select(e => e.TrainLoss)));
    }

    [Fact]
    public void Every_run_takes_the_templates_other_settings_and_its_own_batch_size_rate_and_seed()
    {
        using var data = SyntheticData.Blobs(200, classes: 3, features: 4, spread: 3, seed: 5);
        var template = new TrainingOptions(1, TrainingBudget.OfUpdates(4), OptimizerSettings.Sgd(0.1)) { AccumulationSteps = 2, EvaluationBatchSize = 50, DivergenceFactor = null };

        var run = Assert.Single(ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data, null, new GridOptions(template, [8], [0.3], [7])).Runs).Run;

        Assert.Equal((8, 0.3, 7L), (run.Options.BatchSize, run.Options.Optimizer.LearningRate, run.Options.Seed));
        Assert.Equal((2, 50, (double?)null), (run.Options.AccumulationSteps, run.Options.EvaluationBatchSize, run.Options.DivergenceFactor));
        Assert.Equal(4, run.Updates.Count);
    }
}

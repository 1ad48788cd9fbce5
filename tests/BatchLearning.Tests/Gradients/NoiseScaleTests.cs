using BatchLearning.Data;
using BatchLearning.Gradients;
using BatchLearning.Models;
using BatchLearning.Runtime;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Gradients;

[Collection(TorchRandomCollection.Name)]
public sealed class NoiseScaleTests
{
    [Fact]
    public void The_two_batch_estimator_recovers_the_closed_form_noise_scale_of_linear_regression_within_15_percent()
    {
        // y = w*·x + noise, x ~ N(0, I_d), noise ~ N(0, s²); squared error at w = w* + δ. Per-sample gradient 2(δ·x - noise)x, so
        // G = 2δ, |G|² = 4|δ|², tr(Σ) = 4(|δ|²(d + 1) + s² d) and B_simple = (|δ|²(d + 1) + s² d) / |δ|². With d = 5, |δ|² = 1, s = 1: 11.
        const int d = 5;
        TorchRuntime.Seed(7);
        var trueWeights = tensor(new[] { 1f, -2f, 0.5f, 0f, 3f });
        var x = randn(200_000, d);
        var y = (x.matmul(trueWeights) + randn(200_000)).unsqueeze(1);
        using var data = new TensorDataSet(x, y);
        var model = nn.Linear(d, 1, hasBias: false);
        using (no_grad())
        {
            model.weight!.copy_((trueWeights + tensor(new[] { 1f, 0f, 0f, 0f, 0f })).unsqueeze(0));
        }

        var estimate = GradientNoise.EstimateNoiseScale(new Objective(model, nn.MSELoss()), data, smallBatch: 8, bigBatch: 1024, pairs: 400, seed: 1);

        Assert.InRange(estimate.SimpleNoiseScale, 11 * 0.85, 11 * 1.15);
        Assert.InRange(estimate.GradientSquared, 4 * 0.8, 4 * 1.2);
        Assert.InRange(estimate.Trace, 44 * 0.85, 44 * 1.15);
    }

    [Fact]
    public void The_estimate_averages_both_parts_before_dividing()
    {
        // Two samples whose |G|² estimates are 1 and 3 and tr(Σ) estimates 10 and 30: B = 20 / 2 = 10, not the mean of 10 and 10 by luck only.
        var first = new NoiseScaleSample(1, 1, 2, SmallSquaredNorm: 11, BigSquaredNorm: 6);
        var second = new NoiseScaleSample(2, 1, 2, SmallSquaredNorm: 33, BigSquaredNorm: 18);

        var estimate = NoiseScaleEstimate.From([first, second]);

        Assert.Equal(1, first.GradientSquaredEstimate, 12);
        Assert.Equal(10, first.TraceEstimate, 12);
        Assert.Equal(3, second.GradientSquaredEstimate, 12);
        Assert.Equal(30, second.TraceEstimate, 12);
        Assert.Equal(10, estimate.SimpleNoiseScale, 12);
        Assert.Throws<ArgumentException>(() => NoiseScaleEstimate.From([]));
    }

    [Fact]
    public void The_trainer_logs_two_batch_samples_at_the_asked_updates_without_changing_the_curve()
    {
        using var data = SyntheticData.Blobs(600, classes: 3, features: 4, spread: 3, seed: 3);
        nn.Module<Tensor, Tensor> Model()
        {
            TorchRuntime.Seed(1);
            return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3));
        }

        var options = new TrainingOptions(16, TrainingBudget.OfUpdates(40), OptimizerSettings.Sgd(0.05)) { Seed = 3 };
        var plain = Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options);
        var logged = Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options with { NoiseScale = new NoiseScaleOptions(EveryUpdates: 5, BigBatchSize: 256) });

        Assert.Equal(new[] { 5, 10, 15, 20, 25, 30, 35, 40 }, logged.NoiseScaleSamples.Select(s => s.Update));
        Assert.All(logged.NoiseScaleSamples, s => Assert.True(s.SmallSquaredNorm > s.BigSquaredNorm * 0.2 && s.BigBatch == 256 && s.SmallBatch == 16));
        Assert.Equal(plain.Updates.Select(u => u.Loss), logged.Updates.Select(u => u.Loss));
        Assert.True(NoiseScaleEstimate.From(logged.NoiseScaleSamples).Trace > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(Model(), nn.CrossEntropyLoss(), data, null, options with { NoiseScale = new NoiseScaleOptions(5, 16) }));
    }
}

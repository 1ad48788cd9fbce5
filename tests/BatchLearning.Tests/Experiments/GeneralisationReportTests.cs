using BatchLearning.Experiments;
using BatchLearning.Gradients;
using BatchLearning.Training;

namespace BatchLearning.Tests.Experiments;

/// <summary>Notebook 03's statements, on fixed numbers: every branch of their wording, and the closing lists built from them.</summary>
public sealed class GeneralisationReportTests
{
    private static BudgetRow[] Budgets(double penalty, double left) =>
    [
        new(8, 1_800, 0.20, 0.01, 1_800, 0.20, 0.01),
        new(512, 30, 0.20 + penalty, 0.02, 1_800, 0.20 + left, 0.02),
    ];

    [Theory]
    [InlineData(0.30, 0.01, "updates closed most of it", "almost all of the fixed-epoch penalty was the missing updates")]
    [InlineData(0.30, 0.10, "updates closed most of it", ": most of the fixed-epoch penalty was the missing updates")]
    [InlineData(0.30, 0.25, "the gap stayed", "equal updates did not close most of the gap")]
    [InlineData(-0.05, 0.01, "no penalty", "there was no penalty for equal updates to close")]
    public void Fixed_epochs_against_equal_updates_words_the_penalty_as_measured(double penalty, double left, string verdict, string words)
    {
        var finding = GeneralisationReport.EpochsAgainstUpdates(Budgets(penalty, left), 10);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        Assert.Contains("(30 updates against 1,800). With 1,800 updates each", finding.Text, StringComparison.Ordinal);
        Assert.EndsWith("they cost batch 512 60x the samples (and epochs) of batch 8.", finding.Text, StringComparison.Ordinal);
        Assert.Equal(penalty > 0 ? "higher" : "lower", GeneralisationReport.PenaltyDirection(Budgets(penalty, left)));
        Assert.Equal(penalty > 0, GeneralisationReport.ExplainPenalty(Budgets(penalty, left), 10).EndsWith("far fewer steps.", StringComparison.Ordinal));
    }

    private static GridRun Run(int batch, long seed, double accuracy, double lossRise = 1, bool diverged = false, double rate = 0.1, ScalingRule rule = ScalingRule.None)
    {
        var options = new TrainingOptions(batch, TrainingBudget.OfEpochs(2), OptimizerSettings.Sgd(rate)) { Scaling = new LearningRateScaling(rule, BaseBatchSize: 16) };
        var run = new TrainingRun("run", options, [new(1, 1, batch, rate, 1.0, 0.1), new(2, 2, batch, rate, lossRise, 0.2)],
            [new(1, 1, 0.5, accuracy, 0.5, accuracy, 100, 0.1, 0.1), new(2, 2, 0.4, accuracy + 0.02, 0.45, accuracy, 100, 0.1, 0.2)], 1);
        return new GridRun(batch, rate, seed, run, diverged);
    }

    private static bool Unstable(GridRun run) => run.Diverged || run.Run.Updates.Max(u => u.Loss) > 2 * run.Run.Updates[0].Loss;

    [Fact]
    public void The_sweep_counts_diverged_and_unstable_runs()
    {
        var calm = GeneralisationReport.SweepStability(new GridResults([Run(8, 1, 0.9), Run(8, 2, 0.9, lossRise: 3)]), Unstable);
        var blank = GeneralisationReport.SweepStability(new GridResults([Run(8, 1, 0.9, diverged: true), Run(8, 2, 0.9)]), Unstable);

        Assert.Equal(("none diverged", "0 of 2 sweep runs diverged (no blank cells); 1 were unstable by the rule above."), (calm.Verdict, calm.Text));
        Assert.Equal(("some diverged", "1 of 2 sweep runs diverged (blank cells); 1 were unstable by the rule above."), (blank.Verdict, blank.Text));
    }

    private static NoiseScaleEstimate Noise(double scale, int update) => new(1, scale, 10, update);

    [Fact]
    public void The_noise_scale_over_training_says_whether_it_grew_and_how()
    {
        var steady = GeneralisationReport.NoiseOverTraining([Noise(20, 100), Noise(40, 200), Noise(80, 300)]);
        var unsteady = GeneralisationReport.NoiseOverTraining([Noise(20, 100), Noise(120, 200), Noise(80, 300)]);
        var flat = GeneralisationReport.NoiseOverTraining([Noise(80, 100), Noise(20, 200)]);

        Assert.Equal("grew steadily", steady.Verdict);
        Assert.Equal("grew unsteadily", unsteady.Verdict);
        Assert.EndsWith("it peaked at 120 around update 200.", unsteady.Text, StringComparison.Ordinal);
        Assert.Equal("did not grow", flat.Verdict);
        Assert.StartsWith("B_simple was 80 around update 100 and 20 around update 200: it did not grow", flat.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 120, "within 10x")]
    [InlineData(5, 120, "far apart")]
    [InlineData(-3, 120, "far apart")]
    public void The_fitted_noise_scale_is_compared_with_the_logged_one(double fitted, double logged, string verdict)
    {
        var finding = GeneralisationReport.NoiseAgainstFit(new StepsTradeOff(40, fitted), Noise(logged, 500), 6, 7);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains("6 of 7 batch sizes reached the target.", finding.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.02, 0.01, "larger for the large batch", "larger for batch 512 (the interval excludes 0).")]
    [InlineData(-0.02, 0.01, "smaller for the large batch", "smaller for batch 512 (the interval excludes 0).")]
    [InlineData(0.005, 0.01, "cannot tell apart", "the interval includes 0: this run cannot tell the two apart.")]
    public void Small_against_large_follows_the_interval_on_the_difference(double mean, double half, string verdict, string ending)
    {
        var interval = new ConfidenceInterval(0.05, 0.01, 5);
        var finding = GeneralisationReport.SmallAgainstLarge(16, 512,
            [new PairedDifference("Gap", interval, interval, new ConfidenceInterval(mean, half, 5)), new PairedDifference("Test accuracy", interval, interval, new ConfidenceInterval(-0.5, 0.1, 5))]);

        var lines = finding.Text.Split('\n');
        Assert.Equal(verdict, finding.Verdict);
        Assert.EndsWith(ending, lines[0], StringComparison.Ordinal);
        Assert.Contains("difference (512 - 16, seed by seed)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("smaller for batch 512 (the interval excludes 0).", lines[1], StringComparison.Ordinal);
        Assert.Equal(mean, finding.Numbers["gapDifferenceMean"]);
        Assert.Equal(-0.5, finding.Numbers["testAccuracyDifferenceMean"]);
    }

    private static GeneralisationSummary Summary(double penalty, double left, double fittedNoise, params (int BatchSize, int Steps)[] reached)
    {
        GridResults Scaled(ScalingRule rule, double accuracyAt1024) =>
            new([Run(16, 1, 0.95, rule: rule), Run(16, 2, 0.95, rule: rule), Run(1024, 1, accuracyAt1024, rule: rule), Run(1024, 2, accuracyAt1024, lossRise: 3, rule: rule)]);
        var interval = new ConfidenceInterval(0.05, 0.01, 5);
        return new GeneralisationSummary(Budgets(penalty, left), 10,
            [new ScaledRuns(ScalingRule.None, Scaled(ScalingRule.None, 0.80)), new ScaledRuns(ScalingRule.Linear, Scaled(ScalingRule.Linear, 0.90))],
            [new StableRate(8, 1, 1 / 8.0, 0.3, "3, 10"), new StableRate(512, 3, 3 / 512.0, 1, "10")],
            new StepsTradeOff(100, fittedNoise), reached, [Noise(20, 100), Noise(80, 300)], Noise(50, 300),
            new PairedDifference("Gap", interval, interval, new ConfidenceInterval(0.005, 0.01, 5)), (16, 512), Unstable);
    }

    [Fact]
    public void The_conclusions_are_five_bullets_from_the_runs_numbers()
    {
        var conclusions = Summary(0.30, 0.01, 40, (8, 900), (64, 300), (512, 200)).Conclusions();

        var bullets = conclusions.Text.Split('\n');
        Assert.Equal(5, bullets.Length);
        Assert.All(bullets, b => Assert.StartsWith("• ", b, StringComparison.Ordinal));
        Assert.Equal("updates closed most of it", conclusions.Verdict);
        Assert.Contains("the Hoffer effect showed, at 60x the samples.", bullets[0], StringComparison.Ordinal);
        Assert.Contains("at batch 1024 (2 updates in 2 epochs) against batch 16: no scaling 80.0 % vs 95.0 % (1 of 4 runs unstable)", bullets[1], StringComparison.Ordinal);
        Assert.Contains("Highest mean at batch 1024: the linear rule; at batch 16: no scaling (95.0 %; the linear rule 95.0 %", bullets[1], StringComparison.Ordinal);
        Assert.Contains("went from 1 at batch 8 to 3 at batch 512 (it grew with the batch)", bullets[2], StringComparison.Ordinal);
        Assert.Contains("the range narrowed as the batch grew", bullets[2], StringComparison.Ordinal);
        Assert.EndsWith("(from 20 early to 80 late in training).", bullets[3], StringComparison.Ordinal);
        Assert.Contains("cannot tell them apart; Keskar", bullets[4], StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_follows_the_penalty_the_best_rule_and_what_batches_above_the_noise_scale_saved()
    {
        var ceiling = Summary(0.30, 0.25, 40, (8, 900), (64, 300), (512, 200)).Advice().Text.Split('\n');
        var rough = Summary(-0.05, 0.01, 40, (8, 900), (64, 300), (512, 20)).Advice().Text.Split('\n');
        var noFit = Summary(0.30, 0.01, -1, (8, 900)).Advice().Text.Split('\n');

        Assert.Equal(5, ceiling.Length);
        Assert.EndsWith("keep the smaller batch or retune the learning rate.", ceiling[0], StringComparison.Ordinal);
        Assert.Contains("at batch 1024 the linear rule did best here (90.0 % test accuracy, 1 of 2 runs unstable).", ceiling[1], StringComparison.Ordinal);
        Assert.Contains("8x the batch (batch 64 to 512) cut the updates to target only 1.5x (300 to 200)", ceiling[2], StringComparison.Ordinal);
        Assert.EndsWith("there was no penalty to fix on this run.", rough[0], StringComparison.Ordinal);
        Assert.Contains("still cut the updates to target 15.0x", rough[2], StringComparison.Ordinal);
        Assert.StartsWith("• The steps-to-target fit was too rough", noFit[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_its_argument()
    {
        Assert.Equal("rows.Count", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralisationReport.EpochsAgainstUpdates([Budgets(0.1, 0)[0]], 10)).ParamName);
        Assert.Equal("fixedEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralisationReport.EpochsAgainstUpdates(Budgets(0.1, 0), 0)).ParamName);
        Assert.Equal("points.Count", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralisationReport.NoiseOverTraining([])).ParamName);
        Assert.Equal("largeBatch", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralisationReport.SmallAgainstLarge(16, 16, [])).ParamName);
        Assert.Equal("seeds.Count", Assert.Throws<ArgumentOutOfRangeException>(() => PairedDifference.Of("Gap", [1], 16, 512, (_, _) => 0)).ParamName);
    }
}

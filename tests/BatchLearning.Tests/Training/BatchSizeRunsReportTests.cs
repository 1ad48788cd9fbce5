using BatchLearning.BatchSizing;
using BatchLearning.Gradients;
using BatchLearning.Memory;
using BatchLearning.Training;

namespace BatchLearning.Tests.Training;

/// <summary>Notebook 02's statements about its training runs, on fixed numbers: every branch of their wording.</summary>
public sealed class BatchSizeRunsReportTests
{
    // A run of the given batch size: `updates` updates over the epochs, taking `seconds` of training; test losses and accuracies per epoch.
    private static TrainingRun Run(int batchSize, int updates, double seconds, double[] testLosses, double[] testAccuracies, string? name = null)
    {
        name ??= BatchSizeRunsReport.RunName(batchSize, 1_000);
        var options = new TrainingOptions(batchSize, TrainingBudget.OfEpochs(testLosses.Length), OptimizerSettings.Sgd(0.1)) { Name = name };
        var records = Enumerable.Range(1, updates).Select(u => new UpdateRecord(u, 1, batchSize, 0.1, 1.0 / u, seconds * u / updates)).ToList();
        var epochs = testLosses.Select((loss, i) => new EpochRecord(i + 1, updates * (i + 1) / testLosses.Length, loss, 0.9, loss, testAccuracies[i], 1_000,
            seconds / testLosses.Length, seconds * (i + 1) / testLosses.Length)).ToList();
        return new TrainingRun(name, options, records, epochs, Math.Max(1, updates / testLosses.Length));
    }

    private static TrainingRun Flat(int batchSize, int updates, double seconds, double loss, double accuracy = 0.8) =>
        Run(batchSize, updates, seconds, [loss + 0.2, loss], [accuracy - 0.1, accuracy]);

    [Theory]
    [InlineData(2.30, 2.25, "lower", "one step downhill")]
    [InlineData(2.30, 2.40, "not lower", "overshot")]
    public void One_update_says_whether_the_batch_loss_fell(double before, double after, string verdict, string words)
    {
        var finding = BatchSizeRunsReport.OneUpdate(32, before, after);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        Assert.StartsWith("Loss on this batch of 32: 2.3000 before the update", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_and_speed_credit_many_updates_only_when_a_run_with_more_of_them_ended_lower()
    {
        var lower = BatchSizeRunsReport.UpdatesAndSpeed([Flat(1, 2_000, 10, 0.30), Flat(32, 60, 1, 0.20), Flat(1_000, 2, 0.1, 1.5)]);
        var notLower = BatchSizeRunsReport.UpdatesAndSpeed([Flat(1, 2_000, 10, 0.30), Flat(1_000, 2, 0.1, 0.25)]);

        Assert.Equal("more updates lower", lower.Verdict);
        Assert.Equal(32, lower.Numbers["lowestTestLossBatch"]);
        Assert.Contains("the lowest test loss was batch 32's, 0.200 after 60 updates. Many small updates", lower.Text, StringComparison.Ordinal);
        Assert.Equal("more updates not lower", notLower.Verdict);
        Assert.Contains("no run ended lower", notLower.Text, StringComparison.Ordinal);
        Assert.Equal(200, notLower.Numbers["smallestBatchSamplesPerSecond"]); // 2,000 samples in 10 s, as the summary table computes it
    }

    [Fact]
    public void The_two_smallest_batches_say_which_ended_lower_and_whether_the_smaller_rose_again()
    {
        var risen = Run(1, 800, 8, [0.30, 0.20, 0.40], [0.8, 0.9, 0.85]);
        var steady = Run(1, 800, 8, [0.30, 0.25, 0.20], [0.8, 0.9, 0.93]);
        var eight = Run(8, 100, 2, [0.40, 0.30, 0.25], [0.8, 0.85, 0.9]);

        var higher = BatchSizeRunsReport.SmallestBatches(risen, eight, 0.1);
        var lower = BatchSizeRunsReport.SmallestBatches(steady, eight, 0.1);

        Assert.Equal("smaller higher", higher.Verdict);
        Assert.Contains("despite 8.0 times the updates, ended higher: at one learning rate (0.1)", higher.Text, StringComparison.Ordinal);
        Assert.Contains("lowest at epoch 2 (0.200) and rose again", higher.Text, StringComparison.Ordinal);
        Assert.Equal(1, higher.Numbers["roseAgain"]);
        Assert.Equal("smaller lower", lower.Verdict);
        Assert.Contains("with 8.0 times the updates, ended lower. Its test loss did not rise again", lower.Text, StringComparison.Ordinal);
        var spiked = BatchSizeRunsReport.SmallestBatches(Run(1, 800, 8, [0.30, 0.10, 0.35, 0.09], [0.8, 0.9, 0.7, 0.95]), Run(8, 100, 2, [0.4, 0.3, 0.25, 0.2], [0.8, 0.85, 0.9, 0.9]), 0.1);
        Assert.EndsWith("spiked at epoch 3 (0.350) and came back down, ending within 5 % of its lowest: small-batch steps are noisy.", spiked.Text, StringComparison.Ordinal);
        Assert.Equal(0, spiked.Numbers["roseAgain"]);
    }

    private static List<TimeToAccuracy> Times(double? one, double? mini, double? full) =>
    [
        new("batch 1", 1, one is null ? null : 1, one, 0.95),
        new("batch 32", 32, mini is null ? null : 2, mini, 0.95),
        new("full batch (1000)", 1_000, full is null ? null : 12, full, full is null ? 0.42 : 0.95),
    ];

    [Theory]
    [InlineData(5.0, 1.0, null, "mini-batch", "Fastest to 90 % test accuracy: batch 32, after 1.00 s of training. Full batch (1000) never got there (it ended at 42.0 %).")]
    [InlineData(0.5, 1.0, null, "batch 1", "Fastest to 90 % test accuracy: batch 1, after 0.50 s")]
    [InlineData(5.0, 0.012, null, "mini-batch", "batch 32, after 0.012 s of training")]
    [InlineData(5.0, 3.0, 0.2, "full batch", "Fastest to 90 % test accuracy: full batch (1000), after 0.20 s")]
    [InlineData(1.1, 1.0, null, "too close to call", "Batch 1 took 1.10 s, within 15 %")]
    [InlineData(null, null, null, "none", "No run reached 90 % test accuracy.")]
    public void The_first_to_the_target_names_its_kind_or_says_it_is_too_close_or_that_none_got_there(double? one, double? mini, double? full, string verdict, string words)
    {
        var times = Times(one, mini, full);

        var finding = BatchSizeRunsReport.FastestToAccuracy(times, 0.9);
        var why = BatchSizeRunsReport.ExplainFastest(times, 0.9);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        // The check's explanation argues for what the run found, never for the mini-batch when something else won.
        Assert.Equal(verdict == "mini-batch", why.Contains("a mini-batch gets both", StringComparison.Ordinal));
        Assert.Equal(verdict == "none", why.StartsWith("No run reached", StringComparison.Ordinal));
    }

    [Fact]
    public void The_recipe_follows_the_first_to_the_target_and_states_the_runs_numbers()
    {
        var runs = new[] { Flat(1, 2_000, 10, 0.30), Flat(32, 60, 1, 0.20), Flat(1_000, 2, 0.1, 1.5) };
        var noise = new GradientNoiseMeasurement(1, 1, 1_000, [new GradientVariance(1, 100, 100, 64), new GradientVariance(4, 25, 25, 64), new GradientVariance(1_000, 0, 0, 64)]);
        var advice = new BatchSizeAdvice([new BatchSizeCandidate(64, 9_000, 1, true)], new BatchSizeCandidate(64, 9_000, 1, true), new BatchSizeCandidate(64, 9_000, 1, true), 0.9, 64);

        var mini = TrainingRecipe.Of(runs, Times(5, 1, null), 0.9, noise, new MemoryFit(1e6, 8_192, 0.99), advice);
        var close = TrainingRecipe.Of(runs, Times(1.1, 1, null), 0.9, noise, new MemoryFit(1e6, 8_192, 0.99), advice);

        var bullets = mini.Text.Split('\n');
        Assert.Equal(6, bullets.Length);
        Assert.Equal("mini-batch", mini.Verdict);
        Assert.StartsWith("• Train in mini-batches: batch 32 hit 90 % accuracy first (1.00 s).", bullets[0], StringComparison.Ordinal);
        Assert.EndsWith("yet full batch (1000) made 2 updates in 2 epochs to batch 1's 2,000.", bullets[1], StringComparison.Ordinal);
        Assert.Contains("(sgd, 0.1)", bullets[2], StringComparison.Ordinal);
        Assert.Contains("at batch 1 was 4x that at batch 4.", bullets[3], StringComparison.Ordinal);
        Assert.Contains("(8.0 KiB/sample", bullets[4], StringComparison.Ordinal);
        Assert.EndsWith("time to 90 % accuracy favoured batch 32.", bullets[5], StringComparison.Ordinal);
        Assert.Equal("too close to call", close.Verdict);
        Assert.Contains("too close together to call", close.Text.Split('\n')[0], StringComparison.Ordinal);
        Assert.EndsWith("could not separate batch 32 from batch 1.", close.Text.Split('\n')[5], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_437, 32, 45, "the last one smaller (29 examples).")]
    [InlineData(1_024, 32, 32, "all full.")]
    public void The_updates_of_an_epoch_are_one_per_batch(int examples, int batchSize, int batches, string ending)
    {
        var why = BatchSizeRunsReport.ExplainUpdatesPerEpoch(examples, batchSize);

        Assert.Contains($"make {batches} batches", why, StringComparison.Ordinal);
        Assert.EndsWith(ending, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_its_argument()
    {
        Assert.Equal("runs.Count", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeRunsReport.UpdatesAndSpeed([])).ParamName);
        var unfinished = new TrainingRun("empty", new TrainingOptions(8, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(0.1)), [], [], 1);
        Assert.Equal("runs", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeRunsReport.UpdatesAndSpeed([unfinished])).ParamName);
        Assert.Equal("times.Count", Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizeRunsReport.FastestToAccuracy([Times(1, 1, 1)[0]], 0.9)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => TimeToAccuracy.Of([Flat(8, 10, 1, 0.3)], 1.5)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => OptimizerSettings.Named("adamw", 0.1)).ParamName);
        Assert.Equal(OptimizerKind.Adam, OptimizerSettings.Named(" Adam ", 0.001).Kind);
    }
}

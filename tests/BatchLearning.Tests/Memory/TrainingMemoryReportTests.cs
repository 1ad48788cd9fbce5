using BatchLearning.Memory;
using BatchLearning.Training;

namespace BatchLearning.Tests.Memory;

/// <summary>Notebook 02's statements about training memory, on fixed numbers: every branch of their wording.</summary>
public sealed class TrainingMemoryReportTests
{
    private const double MiB = 1024 * 1024;

    [Theory]
    [InlineData(12_000, "slope in range", "the measured slope does.")]
    [InlineData(30_000, "slope out of range", "the measured slope does not;")]
    [InlineData(4_000, "slope out of range", "the measured slope does not;")]
    public void The_fit_is_read_against_a_count_of_what_the_forward_pass_keeps(double bytesPerSample, string verdict, string words)
    {
        var finding = TrainingMemoryReport.DescribeFit(new MemoryFit(20 * MiB, bytesPerSample, 0.998), 1_126_410, 8_488);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        Assert.Contains("1,126,410 parameters x 12 bytes = 12.9 MiB", finding.Text, StringComparison.Ordinal);
        Assert.Contains("between 8.3 and 16.6 KiB", finding.Text, StringComparison.Ordinal);
    }

    private static MemoryMeasurement At(int batch, double mib) => new(batch, (long)(mib * MiB), "test");

    [Fact]
    public void The_search_names_sizes_it_kept_that_the_table_measured_over_the_budget()
    {
        var fit = new MemoryFit(20 * MiB, 10_240, 0.99); // 10 KiB a sample: 25 MiB holds 512
        var agrees = TrainingMemoryReport.DescribeSearch(new BatchSizeSearch(500, [new(256, true, ""), new(512, false, "")]), fit, [At(256, 22.5), At(1_024, 30)], 25L * 1024 * 1024, 1_437);
        var over = TrainingMemoryReport.DescribeSearch(new BatchSizeSearch(500, []), fit, [At(256, 25.5)], 25L * 1024 * 1024, 1_437);
        var flat = TrainingMemoryReport.DescribeSearch(new BatchSizeSearch(500, []), new MemoryFit(20 * MiB, -5, 0.1), [], 25L * 1024 * 1024, 1_437);

        Assert.Equal("table agrees", agrees.Verdict);
        Assert.Equal("Largest batch within 25 MiB: 500 after 2 trials; the fitted line predicts 512.", agrees.Text);
        Assert.Equal("table over the budget", over.Verdict);
        Assert.Contains("The table above measured batch 256 at 25.50 MiB, over the budget", over.Text, StringComparison.Ordinal);
        Assert.Contains("the fitted line cannot say", flat.Text, StringComparison.Ordinal);
        Assert.True(double.IsNaN(flat.Numbers["predictedBatch"]));
    }

    private static TrainingRun Losses(params double[] losses) => new("run", new TrainingOptions(256, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(0.1)),
        [.. losses.Select((l, i) => new UpdateRecord(i + 1, 1, 256, 0.1, l, i + 1.0))], [], 4);

    [Theory]
    [InlineData(40.0, 22.0, "memory followed the piece", "20.0 MiB for 1024 at once and 2.0 MiB for a piece of 64")]
    [InlineData(26.0, 25.0, "fixed part dominates", "6.0 MiB for 1024 at once and 5.0 MiB for a piece of 64")]
    [InlineData(30.0, 19.0, "memory followed the piece", "nothing measurable for a piece of 64, which peaked below the fit's fixed part (the fit predicts")]
    public void Accumulation_says_whether_memory_followed_the_piece(double wholeMiB, double pieceMiB, string verdict, string words)
    {
        var finding = TrainingMemoryReport.DescribeAccumulation(Losses(2.0, 1.5), Losses(2.0, 1.5000001), At(1_024, wholeMiB), At(64, pieceMiB), new MemoryFit(20 * MiB, 16_384, 0.99));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(words, finding.Text, StringComparison.Ordinal);
        Assert.StartsWith("2 updates each; the largest difference in batch loss between the two runs is 1E-07 (float rounding).", finding.Text, StringComparison.Ordinal);
        Assert.True(finding.Numbers["pieceAboveFixedMiB"] >= 0);
    }

    [Fact]
    public void Accumulation_needs_runs_of_the_same_length()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingMemoryReport.DescribeAccumulation(
            Losses(2.0, 1.5), Losses(2.0), At(1_024, 30), At(64, 21), new MemoryFit(20 * MiB, 16_384, 0.99)));
        Assert.Equal("pieces", error.ParamName);
    }
}

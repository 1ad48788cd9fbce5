using System.Text.Json;
using BatchLearning.Notebook;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Timing;

/// <summary>The words of a timing finding and of its check, for every verdict, on fixed timings.</summary>
public sealed class TimingFindingTests
{
    private static readonly FindingReasons Reasons = new("first reason", "second reason", "close reason");

    [Theory]
    [InlineData(2.4, "2.4x faster")]
    [InlineData(1 / 2.4, "2.4x slower")]
    [InlineData(1.06, "1.06x faster")]
    [InlineData(1 / 1.06, "1.06x slower")]
    [InlineData(12.3, "12x faster")]
    [InlineData(1, "1.00x faster")]
    public void A_ratio_is_worded_faster_or_slower_with_a_factor_of_at_least_one(double otherOverThis, string words)
    {
        Assert.Equal(words, RatioWording.Faster(otherOverThis));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_ratio_that_is_not_a_positive_number_is_refused(double ratio)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RatioWording.Faster(ratio));
    }

    [Fact]
    public void Batches_three_times_faster_read_as_faster_with_the_numbers_the_interval_and_the_reason()
    {
        var finding = Finding(Repeat(0.3, 15), Repeat(0.1, 15), Repeat(1, 15));

        Assert.Equal(HeadToHeadVerdict.SecondFaster, finding.Verdict);
        Assert.Equal(
            "The model alone, per email (median rounds): one at a time 0.300 ms, batches 0.100 ms; batches was 3.0x faster (the median of the per-round ratios; one at a time took 3.00 to 3.00 times as long " +
            "as batches per round: a 95 % interval from 15 rounds on 1 libtorch thread). The machine was quiet during the rounds: " +
            "a fixed reference task's slowest round took 0 % longer than its fastest.", finding.Sentence);
        Assert.Equal("second reason", finding.Reason);
        Assert.DoesNotContain("more", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_slower_read_as_slower_never_as_a_fraction_more()
    {
        var finding = Finding(Repeat(0.088, 15), Repeat(0.214, 15), [1, 1, 1, 1.6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

        Assert.Equal(HeadToHeadVerdict.FirstFaster, finding.Verdict);
        Assert.Contains("batches was 2.4x slower (", finding.Sentence, StringComparison.Ordinal);
        Assert.Contains("The machine was busy during the rounds: a fixed reference task's slowest round took 60 % longer", finding.Sentence, StringComparison.Ordinal);
        Assert.Equal("first reason", finding.Reason);
    }

    [Fact]
    public void Rounds_that_cannot_tell_the_ways_apart_read_as_too_close_to_call()
    {
        var finding = Finding([0.15, 0.2, 0.15, 0.2, 0.15, 0.2, 0.15, 0.2], Repeat(0.18, 8), Repeat(1, 8));

        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, finding.Verdict);
        Assert.Contains("; too close to call on this run (one at a time took 0.83 to 1.11 times as long", finding.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("faster", finding.Sentence, StringComparison.Ordinal);
        Assert.Equal("close reason", finding.Reason);
    }

    [Fact]
    public void Too_few_rounds_say_so_instead_of_an_interval()
    {
        var finding = Finding([3, 3, 3], [1, 1, 1], []);

        Assert.Contains("too close to call on this run (3 rounds on 1 libtorch thread: too few for a 95 % interval).", finding.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("machine was", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_machine_readable_form_carries_the_verdict_and_the_numbers_it_was_judged_on()
    {
        var finding = Finding(Repeat(0.3, 15), Repeat(0.1, 15), Repeat(1, 15));

        using var json = JsonDocument.Parse(finding.ToJson());

        Assert.Equal("SecondFaster", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(0.3, json.RootElement.GetProperty("firstMilliseconds").GetDouble(), 9);
        Assert.Equal(3, json.RootElement.GetProperty("ratioLow").GetDouble(), 9);
        Assert.Equal(15, json.RootElement.GetProperty("rounds").GetInt32());
    }

    [Fact]
    public void The_check_calls_the_way_the_verdict_names_right_and_explains_with_the_finding()
    {
        var finding = Finding(Repeat(0.3, 15), Repeat(0.1, 15), Repeat(1, 15));

        var right = Exercise.Check("myFasterWay", "batches", finding);
        var wrong = Exercise.Check("myFasterWay", "one at a time", finding);

        Assert.StartsWith(Exercise.Right + ": " + finding.Sentence, right, StringComparison.Ordinal);
        Assert.EndsWith("second reason", right, StringComparison.Ordinal);
        Assert.StartsWith(Exercise.NotQuite, wrong, StringComparison.Ordinal);
        Assert.Contains("the answer is \"batches\"", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_of_a_run_that_batches_lost_calls_one_at_a_time_right()
    {
        var finding = Finding(Repeat(0.088, 15), Repeat(0.214, 15), Repeat(1, 15));

        Assert.StartsWith(Exercise.NotQuite, Exercise.Check("myFasterWay", "batches", finding), StringComparison.Ordinal);
        Assert.StartsWith(Exercise.Right, Exercise.Check("myFasterWay", "one at a time", finding), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batches")]
    [InlineData("one at a time")]
    public void The_check_of_a_run_too_close_to_call_neither_confirms_nor_refutes_an_answer(string answer)
    {
        var finding = Finding([0.15, 0.2, 0.15, 0.2, 0.15, 0.2, 0.15, 0.2], Repeat(0.18, 8), Repeat(1, 8));

        var check = Exercise.Check("myFasterWay", answer, finding);

        Assert.StartsWith(Exercise.TooCloseToCall, check, StringComparison.Ordinal);
        Assert.EndsWith("close reason", check, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("both")]
    public void The_check_of_an_unset_or_invalid_answer_says_to_run_the_parameters_cell(string? answer)
    {
        var finding = Finding([0.15, 0.2, 0.15, 0.2, 0.15, 0.2, 0.15, 0.2], Repeat(0.18, 8), Repeat(1, 8));

        var check = Exercise.Check("myFasterWay", answer, finding);

        Assert.StartsWith(Exercise.NotAnswered, check, StringComparison.Ordinal);
        Assert.Contains("run that cell, then run this cell again", check, StringComparison.Ordinal);
    }

    private static double[] Repeat(double value, int rounds) => Enumerable.Repeat(value, rounds).ToArray();

    private static TimingFinding Finding(double[] first, double[] second, double[] reference) =>
        TimingFinding.Of("The model alone", "email", HeadToHead.Judge("one at a time", "batches", new RoundTimes(first, second, reference)), Reasons);
}

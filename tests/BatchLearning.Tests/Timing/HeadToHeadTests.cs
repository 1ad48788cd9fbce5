using BatchLearning.Timing;

namespace BatchLearning.Tests.Timing;

/// <summary>The comparison's rounds, medians, interval and verdicts, on timings scripted by a fake clock or given as numbers.</summary>
public sealed class HeadToHeadTests
{
    private static readonly double[] Quiet = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    [Fact]
    public void Interleaved_rounds_time_each_way_per_unit_after_the_warm_up_and_call_the_faster_one()
    {
        var clock = new ScriptedClock();
        // Warm-up call first (100 ms, untimed), then 3 ms per call of 10 units against 1 ms per call of 10 units.
        var oneAtATime = new ComparedWay("one at a time", 10, clock.Takes(100, 3));
        var batches = new ComparedWay("batches", 10, clock.Takes(100, 1));
        var options = new HeadToHeadOptions { Rounds = 8, Reference = clock.Takes(2) };

        var result = HeadToHead.Run(oneAtATime, batches, options, clock);

        Assert.Equal(0.3, result.FirstMilliseconds, 9);
        Assert.Equal(0.1, result.SecondMilliseconds, 9);
        Assert.Equal(8, result.Rounds);
        Assert.All(result.Ratios, r => Assert.Equal(3, r, 9));
        Assert.Equal(HeadToHeadVerdict.SecondFaster, result.Verdict);
        Assert.Equal("batches", result.Faster);
        Assert.Equal(0, result.Contention.ReferenceSpread, 9);
        Assert.False(result.Contention.Busy);
    }

    [Fact]
    public void The_stated_thread_count_holds_during_the_rounds_and_the_previous_one_comes_back()
    {
        var before = TorchSharp.torch.get_num_threads();
        var clock = new ScriptedClock();
        var during = new List<int>();
        var way = new ComparedWay("a", 1, () => { during.Add(TorchSharp.torch.get_num_threads()); clock.Advance(1); });

        var result = HeadToHead.Run(way, way with { Name = "b" }, new HeadToHeadOptions { Rounds = 2, TorchThreads = 1 }, clock);

        Assert.All(during, threads => Assert.Equal(1, threads));
        Assert.Equal(1, result.TorchThreads);
        Assert.Equal(before, TorchSharp.torch.get_num_threads());
    }

    [Fact]
    public void A_round_repeats_calls_until_its_minimum_time_and_divides_by_the_calls()
    {
        var clock = new ScriptedClock();
        var calls = 0;
        var way = new ComparedWay("a", 2, () => { calls++; clock.Advance(4); });

        var result = HeadToHead.Run(way, way with { Name = "b" }, new HeadToHeadOptions { Rounds = 1, WarmUpRounds = 0, MinimumSecondsPerRound = 0.01, Reference = clock.Takes(1) }, clock);

        Assert.Equal(6, calls); // 3 calls of 4 ms reach 10 ms, for each of the two ways
        Assert.Equal(2, result.FirstMilliseconds, 9);
    }

    [Fact]
    public void The_first_way_wins_when_every_round_and_the_interval_say_so()
    {
        var result = Judge([1, 1.1, 0.9, 1, 1, 1.05, 0.95, 1, 1, 1], [2.5, 2.4, 2.6, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);

        Assert.Equal(HeadToHeadVerdict.FirstFaster, result.Verdict);
        Assert.True(result.RatioHigh < 1);
        Assert.Equal(0.4, result.MedianRatio, 9);
    }

    [Fact]
    public void Rounds_that_disagree_are_too_close_to_call_even_when_the_medians_differ()
    {
        // Medians 1.0 against 0.8 (1.25x), but four rounds of ten go the other way: the interval reaches below 1.
        var result = Judge([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.3, 1.3, 1.3, 1.3]);

        Assert.True(result.RatioLow < 1 && result.MedianRatio > 1.05);
        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, result.Verdict);
        Assert.Null(result.Faster);
    }

    [Fact]
    public void A_consistent_difference_within_the_margin_is_too_close_to_call()
    {
        var result = Judge([1.03, 1.03, 1.03, 1.03, 1.03, 1.03, 1.03, 1.03], [1, 1, 1, 1, 1, 1, 1, 1]);

        Assert.True(result.RatioLow > 1);
        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, result.Verdict);
    }

    [Fact]
    public void Ratios_that_favour_one_way_while_its_median_round_is_slower_are_too_close_to_call()
    {
        // Ten rounds of eleven favour the second way (the interval is above 1), but its median round (2.0) is slower than the first's (1.0).
        var result = Judge([1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3], [0.9, 0.9, 0.9, 0.9, 0.9, 2.0, 2.5, 2.5, 2.5, 2.5, 2.5]);

        Assert.True(result.RatioLow > 1 && result.MedianRatio > 1.05);
        Assert.True(result.FirstMilliseconds < result.SecondMilliseconds);
        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, result.Verdict);
    }

    [Fact]
    public void Fewer_than_six_rounds_are_too_close_to_call_whatever_they_show()
    {
        var result = Judge([3, 3, 3, 3, 3], [1, 1, 1, 1, 1]);

        Assert.True(double.IsNaN(result.RatioLow) && double.IsNaN(result.RatioHigh));
        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, result.Verdict);
    }

    [Theory]
    [InlineData(15, 4)] // P(X <= 3) = 576 / 32768 = 1.8 %, P(X <= 4) = 5.9 %
    [InlineData(6, 1)]  // P(X <= 0) = 1 / 64 = 1.6 %
    [InlineData(20, 6)] // P(X <= 5) = 2.1 %, P(X <= 6) = 5.8 %
    public void The_median_interval_is_the_kth_smallest_and_kth_largest_round_at_95_percent(int rounds, int k)
    {
        var values = Enumerable.Range(1, rounds).Select(i => (double)i).Reverse().ToList();

        var (low, high) = HeadToHead.MedianInterval(values);

        Assert.Equal(k, low);
        Assert.Equal(rounds + 1 - k, high);
    }

    [Fact]
    public void A_reference_task_that_varies_across_rounds_marks_the_machine_busy()
    {
        var busy = HeadToHead.Judge("a", "b", new RoundTimes(Quiet, Quiet, [1, 1, 1.5, 1, 1, 1.1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        var quiet = HeadToHead.Judge("a", "b", new RoundTimes(Quiet, Quiet, [1, 1, 1.1, 1, 1, 1.05, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        var unknown = HeadToHead.Judge("a", "b", new RoundTimes(Quiet, Quiet, []));

        Assert.True(busy.Contention.Busy);
        Assert.Equal(0.5, busy.Contention.ReferenceSpread, 9);
        Assert.False(quiet.Contention.Busy);
        Assert.True(double.IsNaN(unknown.Contention.ReferenceSpread));
        Assert.False(unknown.Contention.Busy);
    }

    [Fact]
    public void Ways_with_different_round_counts_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => HeadToHead.Judge("a", "b", new RoundTimes([1, 2], [1], [])));

        Assert.Equal("rounds", error.ParamName);
    }

    [Theory]
    [InlineData(0, 1, "Rounds")]
    [InlineData(5, 0, "TorchThreads")]
    public void Options_out_of_range_are_refused_naming_the_option(int rounds, int threads, string option)
    {
        var way = new ComparedWay("a", 1, () => { });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HeadToHead.Run(way, way, new HeadToHeadOptions { Rounds = rounds, TorchThreads = threads }));

        Assert.Equal(option, error.ParamName);
    }

    private static HeadToHeadResult Judge(double[] first, double[] second) =>
        HeadToHead.Judge("one at a time", "batches", new RoundTimes(first, second, first.Select(_ => 1.0).ToList()));
}

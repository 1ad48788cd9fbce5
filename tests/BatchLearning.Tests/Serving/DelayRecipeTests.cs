using BatchLearning.Serving;

namespace BatchLearning.Tests.Serving;

/// <summary>Triton's max-delay recipe in words, every branch on a fixed sweep.</summary>
public sealed class DelayRecipeTests
{
    private static DelayTradeOff Point(double delayMs, double p99Ms, double meanBatch, double served = 1000) =>
        new(delayMs, 1000, served, p99Ms / 2, p99Ms * 0.9, p99Ms, meanBatch);

    [Fact]
    public void Over_budget_at_no_delay_says_stop()
    {
        var text = DelayRecipe.Advise(0.3, [Point(0, 6.2, 1.1), Point(1, 7, 2)], 5, 64);

        Assert.Equal("The recipe at 30 % of capacity: no delay gave p99 6.20 ms, mean batch 1.1, over the 5 ms budget already: stop.", text);
    }

    [Fact]
    public void Keeping_up_with_a_longer_delay_within_budget_names_it_as_only_making_batches_bigger()
    {
        var text = DelayRecipe.Advise(0.3, [Point(0, 3.8, 1.2), Point(1, 4.5, 2.5), Point(2, 5.5, 4)], 5, 64);

        Assert.EndsWith("stop at no delay. The longest delay still within budget, 1 ms, would only make batches bigger (mean 2.5).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeping_up_when_every_longer_delay_is_over_budget_says_so_instead_of_naming_no_delay_as_the_longest()
    {
        var text = DelayRecipe.Advise(0.5, [Point(0, 3.8, 1.4), Point(1, 5.74, 2.5), Point(2, 5.82, 4)], 5, 64);

        Assert.EndsWith("stop at no delay. Every longer delay took the p99 over the budget (1 ms: p99 5.74 ms).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("within budget, 0 ms", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Behind_the_load_within_budget_raises_the_delay_to_the_one_that_served_the_most()
    {
        var text = DelayRecipe.Advise(0.9, [Point(0, 3, 6, served: 700), Point(2, 4.5, 20, served: 950), Point(4, 6, 40, served: 990)], 5, 64);

        Assert.EndsWith("within budget but behind the offered load (70 % of it): raise the delay; within budget, 2 ms served the most (950/s).", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)] // batches already full at no delay
    [InlineData(6)]  // not full, but no longer delay served more within the budget
    public void Behind_the_load_when_a_delay_cannot_help_asks_for_capacity_not_a_longer_wait(double meanBatchAtNoDelay)
    {
        var text = DelayRecipe.Advise(0.9, [Point(0, 3, meanBatchAtNoDelay, served: 700), Point(2, 4.5, 64, served: 690), Point(4, 6, 64, served: 990)], 5, 64);

        Assert.EndsWith("the model needs more capacity (a bigger batch size or another replica), not a longer wait.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("raise the delay", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_of_only_the_no_delay_point_that_keeps_up_stops_there_without_naming_another_delay()
    {
        Assert.EndsWith("stop at no delay.", DelayRecipe.Advise(0.3, [Point(0, 3.8, 1.2)], 5, 64), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_that_does_not_start_at_no_delay_or_a_budget_of_0_is_refused_by_name()
    {
        Assert.Equal("sweep", Assert.Throws<ArgumentException>(() => DelayRecipe.Advise(0.3, [Point(1, 3, 1)], 5, 64)).ParamName);
        Assert.Equal("p99BudgetMs", Assert.Throws<ArgumentOutOfRangeException>(() => DelayRecipe.Advise(0.3, [Point(0, 3, 1)], 0, 64)).ParamName);
        Assert.Equal("sweep", Assert.Throws<ArgumentException>(() => DelayRecipe.Advise(0.3, [Point(0, double.NaN, 1)], 5, 64)).ParamName);
        Assert.Equal("sweep", Assert.Throws<ArgumentException>(() => DelayRecipe.Advise(0.3, [new DelayTradeOff(0, double.NaN, 10, 1, 2, 3, 1)], 5, 64)).ParamName);
    }
}

using BatchLearning.Costs;

namespace BatchLearning.Tests.Costs;

public sealed class CostCalculatorTests
{
    private static readonly ApiWorkload Emails = new(RequestsPerDay: 10_000, InputTokensPerRequest: 200, OutputTokensPerRequest: 5, FixedPromptTokens: 150);

    [Fact]
    public void Real_time_and_batch_cost_match_a_hand_worked_example()
    {
        var price = PriceTable.Default.Api("gpt-4o-mini"); // 0.15 / 0.60 real time, 0.075 / 0.30 batch, per million tokens

        var realTime = ApiCostCalculator.Estimate(price, Emails, ProcessingMode.RealTime);
        var batch = ApiCostCalculator.Estimate(price, Emails, ProcessingMode.Batch);

        // (200 + 150) x 0.15 / 1e6 + 5 x 0.60 / 1e6 = 0.0000555 dollars a request
        Assert.Equal(0.0000555, realTime.PerRequest, 12);
        Assert.Equal(0.0555, realTime.PerThousandRequests, 10);
        Assert.Equal(0.555, realTime.PerDay, 10);
        Assert.Equal(16.65, realTime.PerMonth, 9);
        Assert.Equal(0.00002775, batch.PerRequest, 12);
        Assert.Equal(price.Date, realTime.PriceDate);
    }

    [Fact]
    public void The_batch_discount_applies_to_input_and_to_output_tokens()
    {
        var price = new ApiPrice("Test", "t", 1, 10, 0.5, 5, "published", new DateOnly(2026, 11, 29), "hand");
        var inputOnly = Emails with { OutputTokensPerRequest = 0 };
        var outputOnly = Emails with { InputTokensPerRequest = 0, FixedPromptTokens = 0 };

        Assert.Equal(ApiCostCalculator.Estimate(price, inputOnly, ProcessingMode.RealTime).PerDay / 2, ApiCostCalculator.Estimate(price, inputOnly, ProcessingMode.Batch).PerDay, 12);
        Assert.Equal(ApiCostCalculator.Estimate(price, outputOnly, ProcessingMode.RealTime).PerDay / 2, ApiCostCalculator.Estimate(price, outputOnly, ProcessingMode.Batch).PerDay, 12);
    }

    [Fact]
    public void Compare_lists_real_time_and_batch_for_each_model()
    {
        var rows = ApiCostCalculator.Compare(PriceTable.Default, Emails, "gpt-4o-mini", "claude-haiku-4.5");

        Assert.Equal(["gpt-4o-mini", "gpt-4o-mini", "claude-haiku-4.5", "claude-haiku-4.5"], rows.Select(r => r.Model));
        Assert.Equal([ProcessingMode.RealTime, ProcessingMode.Batch, ProcessingMode.RealTime, ProcessingMode.Batch], rows.Select(r => r.Mode));
    }

    [Fact]
    public void GPU_cost_per_thousand_matches_the_worked_example_with_Tritons_throughputs()
    {
        var gpu = new GpuPrice("example", "3 dollars an hour", 3.00, new DateOnly(2026, 11, 29), "batching-facts.md worked example");

        // 1000 x 3 / (3600 x 73.4) = 0.01135 and 1000 x 3 / (3600 x 272) = 0.00306 dollars per 1,000 inferences.
        Assert.Equal(0.0114, GpuCostCalculator.Estimate(gpu, 73.4, 1.0, 0).PerThousandItems, 4);
        Assert.Equal(0.0031, GpuCostCalculator.Estimate(gpu, 272, 1.0, 0).PerThousandItems, 4);
        var halfBusy = GpuCostCalculator.Estimate(gpu, 272, 0.5, 86_400);
        Assert.Equal(2 * GpuCostCalculator.Estimate(gpu, 272, 1.0, 0).PerThousandItems, halfBusy.PerThousandItems, 12);
        Assert.Equal(86_400 / (272 * 0.5 * 3600), halfBusy.GpuHoursPerDay, 9);
    }

    [Fact]
    public void A_dedicated_GPU_breaks_even_where_its_daily_price_equals_the_API_bill()
    {
        var l4 = PriceTable.Default.Gpu("L4"); // 0.80 dollars an hour: 19.20 a day
        var perRequest = ApiCostCalculator.Estimate(PriceTable.Default.Api("gpt-4o-mini"), Emails, ProcessingMode.RealTime).PerRequest;

        var volume = BreakEven.DedicatedGpuVersusApi(l4, throughputPerSecond: 100, apiCostPerRequest: perRequest);

        Assert.NotNull(volume);
        Assert.Equal(19.20 / 0.0000555, volume!.Value, 3);
        Assert.Null(BreakEven.DedicatedGpuVersusApi(l4, throughputPerSecond: 1, apiCostPerRequest: perRequest)); // 86,400 a day is below break-even
    }

    [Fact]
    public void The_crossing_of_two_sampled_cost_curves_is_interpolated()
    {
        double[] x = [0, 1, 2, 3];

        Assert.Equal(1.5, BreakEven.Crossing(x, [0, 1, 2, 3], [1.5, 1.5, 1.5, 1.5]));
        Assert.Equal(0, BreakEven.Crossing(x, [1, 1, 1, 1], [0, 0, 0, 0]));
        Assert.Null(BreakEven.Crossing(x, [0, 0, 0, 0], [1, 1, 1, 1]));
    }

    [Fact]
    public void Bad_workloads_and_rates_are_refused_naming_the_argument()
    {
        var price = PriceTable.Default.Api("gpt-4o");
        var gpu = PriceTable.Default.Gpu("L4");

        Assert.Equal("RequestsPerDay", Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(price, Emails with { RequestsPerDay = 0 }, ProcessingMode.Batch)).ParamName);
        Assert.Equal("InputTokensPerRequest", Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(price, Emails with { InputTokensPerRequest = -5 }, ProcessingMode.Batch)).ParamName);
        Assert.Equal("throughputPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => GpuCostCalculator.Estimate(gpu, -1, 1, 100)).ParamName);
        Assert.Equal("utilisation", Assert.Throws<ArgumentOutOfRangeException>(() => GpuCostCalculator.Estimate(gpu, 10, 1.5, 100)).ParamName);
        Assert.Equal("apiCostPerRequest", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.DedicatedGpuVersusApi(gpu, 10, 0)).ParamName);
    }
}

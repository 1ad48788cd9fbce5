using BatchLearning.Costs;

namespace BatchLearning.Tests.Costs;

/// <summary>Prices, workloads and curves that make no sense are refused, naming the argument and its range, instead of giving negative or NaN costs.</summary>
public sealed class CostsBadInputTests
{
    private const string ApiHeader = "provider,model,input_per_million,output_per_million,batch_input_per_million,batch_output_per_million,batch_price_basis,date,source";
    private const string OneModel = ApiHeader + "\nOpenAI,gpt-4o-mini,0.15,0.60,0.075,0.30,published,2026-11-29,docs";
    private const string TermsHeader = "provider,discount_percent,completion_window_hours,max_requests,max_file_megabytes,date,source";
    private const string Terms = TermsHeader + "\nOpenAI,50,24,50000,200,2026-11-29,docs";
    private const string GpuHeader = "gpu,offer,per_gpu_hour,date,source";
    private const string Gpus = GpuHeader + "\nL4,AWS g6.xlarge,0.80,2026-11-29,catalog";

    private static readonly ApiWorkload Emails = new(RequestsPerDay: 10_000, InputTokensPerRequest: 300, OutputTokensPerRequest: 5, FixedPromptTokens: 200);
    private static readonly ApiPrice Price = new("OpenAI", "m", 1, 2, 0.5, 1, "published", new DateOnly(2026, 11, 29), "docs");
    private static readonly GpuPrice Gpu = new("L4", "AWS g6.xlarge", 0.8, new DateOnly(2026, 11, 29), "catalog");
    private static readonly BatchApiTerms OpenAi = new("OpenAI", 50, 24, 50_000, 200, new DateOnly(2026, 11, 29), "docs");

    public static TheoryData<ApiPrice, string> BadApiPrices() => new()
    {
        { Price with { InputPerMillion = -1 }, nameof(ApiPrice.InputPerMillion) },
        { Price with { OutputPerMillion = double.NaN }, nameof(ApiPrice.OutputPerMillion) },
        { Price with { BatchInputPerMillion = double.PositiveInfinity }, nameof(ApiPrice.BatchInputPerMillion) },
        { Price with { BatchOutputPerMillion = -0.01 }, nameof(ApiPrice.BatchOutputPerMillion) },
    };

    [Theory]
    [MemberData(nameof(BadApiPrices))]
    public void The_api_calculator_refuses_a_negative_or_nan_price_naming_the_field(ApiPrice price, string field)
    {
        foreach (var mode in new[] { ProcessingMode.RealTime, ProcessingMode.Batch })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(price, Emails, mode));

            Assert.Equal(field, error.ParamName);
            Assert.Contains("0 or more US dollars per million tokens", error.Message);
        }

        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => CostSensitivity.OverVolume(price, Emails, [1000])).ParamName);
    }

    [Fact]
    public void The_api_calculator_refuses_an_undefined_mode()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(Price, Emails, (ProcessingMode)7));

        Assert.Equal("mode", error.ParamName);
        Assert.Contains("RealTime or Batch", error.Message);
    }

    public static TheoryData<ApiWorkload, string> BadWorkloads() => new()
    {
        { Emails with { RequestsPerDay = -10 }, nameof(ApiWorkload.RequestsPerDay) },
        { Emails with { RequestsPerDay = double.NaN }, nameof(ApiWorkload.RequestsPerDay) },
        { Emails with { RequestsPerDay = double.PositiveInfinity }, nameof(ApiWorkload.RequestsPerDay) },
        { Emails with { InputTokensPerRequest = double.NaN }, nameof(ApiWorkload.InputTokensPerRequest) },
        { Emails with { OutputTokensPerRequest = -1 }, nameof(ApiWorkload.OutputTokensPerRequest) },
        { Emails with { FixedPromptTokens = double.NegativeInfinity }, nameof(ApiWorkload.FixedPromptTokens) },
    };

    [Theory]
    [MemberData(nameof(BadWorkloads))]
    public void A_workload_with_negative_or_nan_volumes_or_tokens_is_refused(ApiWorkload workload, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(Price, workload, ProcessingMode.RealTime));

        Assert.Equal(field, error.ParamName);
        Assert.Matches("valid range: (1|0) to", error.Message);
    }

    [Fact]
    public void A_sweep_refuses_a_nan_volume_and_a_bad_dedicated_machine()
    {
        Assert.Equal("RequestsPerDay", Assert.Throws<ArgumentOutOfRangeException>(() => CostSensitivity.OverVolume(Price, Emails, [1000, double.NaN])).ParamName);
        Assert.Equal("InputTokensPerRequest", Assert.Throws<ArgumentOutOfRangeException>(() => CostSensitivity.OverInputTokens(Price, Emails, [-3])).ParamName);
        Assert.Equal("PerGpuHour", Assert.Throws<ArgumentOutOfRangeException>(() => CostSensitivity.OverVolume(Price, Emails, [1000], (Gpu with { PerGpuHour = -1 }, 10))).ParamName);
        var throughput = Assert.Throws<ArgumentOutOfRangeException>(() => CostSensitivity.OverVolume(Price, Emails, [1000], (Gpu, double.NaN)));
        Assert.Equal("dedicated", throughput.ParamName);
        Assert.Contains("more than 0 items per second", throughput.Message);
        Assert.Throws<ArgumentNullException>(() => CostSensitivity.OverVolume(Price, null!, [1000]));
    }

    [Theory]
    [InlineData(-0.8)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_gpu_calculator_and_the_break_even_refuse_a_negative_or_nan_hourly_price(double perHour)
    {
        var gpu = Gpu with { PerGpuHour = perHour };

        var estimate = Assert.Throws<ArgumentOutOfRangeException>(() => GpuCostCalculator.Estimate(gpu, 100, 0.5, 10_000));
        Assert.Equal("PerGpuHour", estimate.ParamName);
        Assert.Contains("0 or more US dollars per GPU-hour", estimate.Message);
        Assert.Equal("PerGpuHour", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.DedicatedGpuVersusApi(gpu, 100, 0.001)).ParamName);
    }

    [Theory]
    [InlineData(1, double.NaN, 1, "a")]
    [InlineData(1, 1, double.NaN, "b")]
    [InlineData(double.NaN, 1, 1, "x")]
    [InlineData(1, double.PositiveInfinity, 1, "a")]
    public void A_crossing_with_a_nan_or_infinite_value_is_refused_rather_than_reported(double x1, double a1, double b1, string argument)
    {
        // Before the fix, b - a = NaN compared "not above 0", so a NaN cost was reported as a crossing.
        var error = Assert.Throws<ArgumentException>(() => BreakEven.Crossing([0, x1, 2], [0, a1, 2], [1, b1, 3]));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains($"{argument}[1]", error.Message);
        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void A_crossing_needs_ascending_sample_points_and_lists_that_are_there()
    {
        var error = Assert.Throws<ArgumentException>(() => BreakEven.Crossing([0, 2, 1], [0, 1, 2], [1, 1, 1]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("strictly ascending", error.Message);
        Assert.Throws<ArgumentNullException>(() => BreakEven.Crossing([0, 1], null!, [1, 1]));
    }

    public static TheoryData<BatchApiTerms, string, string> BadTerms() => new()
    {
        { OpenAi with { DiscountPercent = 150 }, nameof(BatchApiTerms.DiscountPercent), "from 0 to 100 percent" },
        { OpenAi with { DiscountPercent = double.NaN }, nameof(BatchApiTerms.DiscountPercent), "from 0 to 100 percent" },
        { OpenAi with { CompletionWindowHours = 0 }, nameof(BatchApiTerms.CompletionWindowHours), "more than 0" },
        { OpenAi with { CompletionWindowHours = double.NaN }, nameof(BatchApiTerms.CompletionWindowHours), "more than 0" },
        { OpenAi with { MaxRequests = 0 }, nameof(BatchApiTerms.MaxRequests), "1 or more" },
        { OpenAi with { MaxFileMegabytes = -1 }, nameof(BatchApiTerms.MaxFileMegabytes), "more than 0 megabytes" },
    };

    [Theory]
    [MemberData(nameof(BadTerms))]
    public void A_decision_refuses_terms_out_of_range(BatchApiTerms terms, string field, string range)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProcessingDecision.Decide("report", TimeSpan.FromHours(1), terms));

        Assert.Equal(field, error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void A_decision_refuses_a_shortest_period_of_zero()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProcessingDecision.Decide("report", TimeSpan.FromHours(1), OpenAi, TimeSpan.Zero));

        Assert.Equal("shortestPeriod", error.ParamName);
        Assert.Contains("more than zero", error.Message);
    }

    [Theory]
    [InlineData("OpenAI,150,24,50000,200,2026-11-29,docs", "discount_percent is 150; it must be from 0 to 100 percent")]
    [InlineData("OpenAI,50,24,1000.5,200,2026-11-29,docs", "max_requests is 1000.5; it must be a whole number from 1")]
    [InlineData("OpenAI,50,24,0,200,2026-11-29,docs", "max_requests is 0; it must be a whole number from 1")]
    [InlineData("OpenAI,50,0,50000,200,2026-11-29,docs", "completion_window_hours is 0; it must be more than 0")]
    [InlineData("OpenAI,50,24,50000,0,2026-11-29,docs", "max_file_megabytes is 0; it must be more than 0")]
    public void The_price_table_refuses_impossible_batch_terms_naming_the_file_and_line(string row, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(OneModel, TermsHeader + "\n" + row, Gpus));

        Assert.Contains("batch-terms.csv, line 2", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_price_table_refuses_a_model_listed_twice_naming_both_lines()
    {
        var twice = OneModel + "\nOpenAI,GPT-4o-mini,0.20,0.80,0.10,0.40,published,2026-11-29,docs";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(twice, Terms, Gpus));

        Assert.Contains("api-prices.csv, line 3", error.Message);
        Assert.Contains("already on line 2", error.Message);
    }

    [Fact]
    public void The_price_table_refuses_a_provider_or_gpu_offer_listed_twice()
    {
        var terms = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(OneModel, Terms + "\nopenai,40,12,,,2026-11-29,docs", Gpus));
        Assert.Contains("batch-terms.csv, line 3: provider 'openai' is already on line 2", terms.Message);

        var gpus = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(OneModel, Terms, Gpus + "\nL4,AWS g6.xlarge,0.90,2026-11-29,catalog"));
        Assert.Contains("gpu-prices.csv, line 3", gpus.Message);

        // The same GPU from another offer is a different row.
        Assert.Equal(2, PriceTable.Parse(OneModel, Terms, Gpus + "\nL4,GCP g2-standard-4,0.70,2026-11-29,catalog").GpuPrices.Count);
    }

    [Theory]
    [InlineData("50% rule")]
    [InlineData("measured")]
    public void A_batch_price_basis_that_is_neither_published_nor_derived_is_refused(string basis)
    {
        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(ApiHeader + $"\nOpenAI,m,1,2,0.5,1,{basis},2026-11-29,docs", Terms, Gpus));

        Assert.Contains("api-prices.csv, line 2", error.Message);
        Assert.Contains("'published'", error.Message);
        Assert.Contains("'derived'", error.Message);
    }

    [Theory]
    [InlineData("-0.08", "per_hour")]
    [InlineData("", "per_hour")]
    public void A_negative_or_missing_cpu_price_is_refused_naming_the_line(string price, string column)
    {
        var cpus = $"machine,offer,vcpus,per_hour,date,source\n2 vCPU,AWS m7g.large,2,{price},2026-06-17,survey";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(OneModel, Terms, Gpus, cpus));

        Assert.Contains("cpu-prices.csv, line 2", error.Message);
        Assert.Contains(column, error.Message);
    }

    [Theory]
    [InlineData(1e300, 100, "RequestsPerDay")]
    [InlineData(1000, double.PositiveInfinity, "InputTokensPerRequest")]
    [InlineData(0.5, 100, "RequestsPerDay")]
    public void A_workload_whose_daily_cost_would_not_be_a_finite_number_is_refused_naming_the_field(double requests, double inputTokens, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ApiCostCalculator.Estimate(Price, new ApiWorkload(requests, inputTokens, 2), ProcessingMode.RealTime));

        Assert.Equal(field, error.ParamName);
        Assert.Contains("valid range:", error.Message);
    }

    [Theory]
    [InlineData(1e-300, 1.0, "throughputPerSecond")]
    [InlineData(100, 1e-300, "utilisation")]
    [InlineData(100, 0.0, "utilisation")]
    public void The_gpu_calculator_refuses_a_throughput_or_utilisation_that_would_make_the_cost_infinite(double throughput, double utilisation, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GpuCostCalculator.Estimate(Gpu, throughput, utilisation, 10_000));

        Assert.Equal(name, error.ParamName);
        Assert.Contains("valid range: 1e-06 to", error.Message);
    }

    [Fact]
    public void A_cpu_row_with_a_fraction_of_a_vcpu_is_refused_not_truncated()
    {
        var cpus = "machine,offer,vcpus,per_hour,date,source\n2 vCPU,AWS m7g.large,2.5,0.08,2026-06-17,survey";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(OneModel, Terms, Gpus, cpus));

        Assert.Contains("cpu-prices.csv, line 2: vcpus is 2.5; valid range: a whole number from 1 to 100,000", error.Message);
    }

    [Fact]
    public void A_price_dated_in_the_future_is_refused_in_the_file_and_in_a_hand_made_record()
    {
        var future = OneModel.Replace("2026-11-29", "2099-01-01", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(future, Terms, Gpus));
        Assert.Contains("api-prices.csv, line 2: date is 2099-01-01; valid range: 2000-01-01 to", error.Message);

        var cpu = new CpuPrice("2 vCPU", "AWS m7g.large", 2, 0.08, new DateOnly(2099, 1, 1), "survey");
        var record = Assert.Throws<ArgumentOutOfRangeException>(() => cpu.AsHourlyPrice());
        Assert.Equal(nameof(CpuPrice.Date), record.ParamName);
        Assert.Contains("no later than tomorrow", record.Message);
    }

    [Fact]
    public void A_column_named_twice_in_a_header_is_refused_naming_it_and_both_places()
    {
        var twice = ApiHeader + ",model\nOpenAI,gpt-4o-mini,0.15,0.60,0.075,0.30,published,2026-11-29,docs,x";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(twice, Terms, Gpus));

        Assert.Contains("the column 'model' appears twice in the header", error.Message);
    }

    [Fact]
    public void A_cpu_price_record_with_a_negative_price_is_refused()
    {
        var cpu = new CpuPrice("2 vCPU", "AWS m7g.large", 2, -1, new DateOnly(2026, 6, 17), "survey");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => cpu.AsHourlyPrice());

        Assert.Equal(nameof(CpuPrice.PerHour), error.ParamName);
        Assert.Contains("0 or more US dollars per hour", error.Message);
    }

    [Fact]
    public void A_billing_rule_or_job_time_out_of_range_is_refused()
    {
        var zeroIncrement = new BillingRule(TimeSpan.FromSeconds(60), TimeSpan.Zero, "rule");
        Assert.Equal(nameof(BillingRule.Increment), Assert.Throws<ArgumentOutOfRangeException>(() => zeroIncrement.Billed(TimeSpan.FromSeconds(1))).ParamName);
        var negativeMinimum = new BillingRule(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1), "rule");
        Assert.Equal(nameof(BillingRule.Minimum), Assert.Throws<ArgumentOutOfRangeException>(() => negativeMinimum.Billed(TimeSpan.FromSeconds(1))).ParamName);

        var start = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduledJobCost.Estimate(Gpu, TimeSpan.FromSeconds(-1), [TimeSpan.FromSeconds(1)], BillingRule.Ec2PerSecond));
        Assert.Equal("startPerRun", start.ParamName);
        Assert.Contains("0 or more", start.Message);
        var run = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduledJobCost.Estimate(Gpu, TimeSpan.Zero, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-2)], BillingRule.Ec2PerSecond));
        Assert.Equal("processingPerRun", run.ParamName);
        Assert.Contains("processingPerRun[1]", run.Message);
        Assert.Equal("processingPerRun", Assert.Throws<ArgumentException>(() => ScheduledJobCost.Estimate(Gpu, TimeSpan.Zero, [], BillingRule.Ec2PerSecond)).ParamName);
        Assert.Equal(nameof(GpuPrice.PerGpuHour), Assert.Throws<ArgumentOutOfRangeException>(() =>
            ScheduledJobCost.Estimate(Gpu with { PerGpuHour = double.NaN }, TimeSpan.Zero, [TimeSpan.Zero], BillingRule.Ec2PerSecond)).ParamName);
    }
}

using BatchLearning.Costs;

namespace BatchLearning.Tests.Costs;

public sealed class PriceTableTests
{
    private const string ApiHeader = "provider,model,input_per_million,output_per_million,batch_input_per_million,batch_output_per_million,batch_price_basis,date,source";
    private const string Terms = "provider,discount_percent,completion_window_hours,max_requests,max_file_megabytes,date,source\nOpenAI,50,24,50000,200,2026-11-29,docs";
    private const string Gpus = "gpu,offer,per_gpu_hour,date,source\nL4,AWS g6.xlarge,0.80,2026-11-29,catalog";

    [Fact]
    public void The_shipped_tables_load_and_every_row_has_a_date_and_a_source()
    {
        var prices = PriceTable.Default;

        Assert.True(prices.ApiPrices.Count >= 10);
        Assert.All(prices.ApiPrices, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.All(prices.ApiPrices, p => Assert.InRange(p.Date, new DateOnly(2025, 1, 1), new DateOnly(2026, 11, 29)));
        Assert.All(prices.GpuPrices, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(0.15, prices.Api("GPT-4o-mini").InputPerMillion);
        Assert.Equal(100_000, prices.Terms("anthropic").MaxRequests);
        Assert.Equal(0.80, prices.Gpu("L4").PerGpuHour);
    }

    [Fact]
    public void Every_batch_price_is_at_most_the_real_time_price()
    {
        Assert.All(PriceTable.Default.ApiPrices, p =>
        {
            Assert.True(p.BatchInputPerMillion <= p.InputPerMillion, p.Model);
            Assert.True(p.BatchOutputPerMillion <= p.OutputPerMillion, p.Model);
        });
    }

    [Fact]
    public void An_unknown_model_is_refused_with_the_list_of_known_models()
    {
        var error = Assert.Throws<ArgumentException>(() => PriceTable.Default.Api("gpt-9-ultra"));

        Assert.Contains("gpt-9-ultra", error.Message);
        Assert.Contains("gpt-4o-mini", error.Message);
        Assert.Contains("claude-haiku-4.5", error.Message);
        Assert.Equal("model", error.ParamName);
    }

    [Fact]
    public void A_notebook_overrides_a_price_or_adds_a_model_in_one_line_without_changing_the_original()
    {
        var original = PriceTable.Default;

        var edited = original.WithApiPrice(original.Api("gpt-4o-mini") with { InputPerMillion = 0.20, Date = new DateOnly(2026, 12, 1), Source = "my quote" });
        var added = edited.WithApiPrice(new ApiPrice("Local", "my-model", 0, 0, 0, 0, "published", new DateOnly(2026, 12, 1), "self-hosted"));

        Assert.Equal(0.20, edited.Api("gpt-4o-mini").InputPerMillion);
        Assert.Equal(0.15, original.Api("gpt-4o-mini").InputPerMillion);
        Assert.Equal(original.ApiPrices.Count, edited.ApiPrices.Count);
        Assert.Equal(original.ApiPrices.Count + 1, added.ApiPrices.Count);
        Assert.Equal("self-hosted", added.Api("my-model").Source);
    }

    [Fact]
    public void A_negative_price_is_refused_when_added()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            PriceTable.Default.WithApiPrice(PriceTable.Default.Api("gpt-4o") with { OutputPerMillion = -1 }));

        Assert.Equal("OutputPerMillion", error.ParamName);
    }

    [Theory]
    [InlineData("OpenAI,m,1,2,0.5,1,published,2026-11-29", "line 2: 8 fields where the header has 9")]
    [InlineData("OpenAI,m,-1,2,0.5,1,published,2026-11-29,src", "line 2: input_per_million is -1; it must be 0 or more")]
    [InlineData("OpenAI,m,,2,0.5,1,published,2026-11-29,src", "line 2: input_per_million is missing")]
    [InlineData("OpenAI,m,cheap,2,0.5,1,published,2026-11-29,src", "input_per_million is 'cheap', not a number")]
    [InlineData("OpenAI,m,1,2,0.5,1,published,29/11/2026,src", "write dates as yyyy-MM-dd")]
    public void Malformed_price_rows_are_refused_naming_the_line_and_column(string row, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(ApiHeader + "\n" + row, Terms, Gpus));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_price_file_with_a_missing_column_is_refused_naming_it()
    {
        var withoutSource = "provider,model,input_per_million,output_per_million,batch_input_per_million,batch_output_per_million,batch_price_basis,date\nOpenAI,m,1,2,0.5,1,published,2026-11-29";

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(withoutSource, Terms, Gpus));

        Assert.Contains("lacks the column(s) source", error.Message);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_and_quotes()
    {
        var table = PriceTable.Parse(ApiHeader + "\nOpenAI,m,1,2,0.5,1,published,2026-11-29,\"docs, page \"\"Pricing\"\"\"", Terms, Gpus);

        Assert.Equal("docs, page \"Pricing\"", table.Api("m").Source);
    }
}

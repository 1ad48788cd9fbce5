using System.Collections.Immutable;
using System.Reflection;

namespace BatchLearning.Costs;

/// <summary>
/// The dated price tables: API prices per model, batch API terms per provider, GPU prices per hour.
/// <see cref="Default"/> is the copy shipped with the library (data/prices in the repository); prices change, so a notebook
/// can add or override a row in one line with <see cref="WithApiPrice"/> or <see cref="WithGpuPrice"/>.
/// </summary>
public sealed class PriceTable
{
    private static readonly string[] ApiColumns =
        ["provider", "model", "input_per_million", "output_per_million", "batch_input_per_million", "batch_output_per_million", "batch_price_basis", "date", "source"];

    private static readonly string[] TermsColumns = ["provider", "discount_percent", "completion_window_hours", "max_requests", "max_file_megabytes", "date", "source"];
    private static readonly string[] GpuColumns = ["gpu", "offer", "per_gpu_hour", "date", "source"];
    private static readonly string[] CpuColumns = ["machine", "offer", "vcpus", "per_hour", "date", "source"];
    private static readonly string[] CachingColumns =
        ["provider", "model", "minimum_prompt_tokens", "cached_input_per_million", "cache_write_per_million", "with_batch", "date", "source"];
    private static readonly Lazy<PriceTable> Shipped = new(LoadShipped);

    private PriceTable(ImmutableList<ApiPrice> api, ImmutableList<BatchApiTerms> terms, ImmutableList<GpuPrice> gpus, ImmutableList<CpuPrice> cpus,
        ImmutableList<PromptCachingTerms> caching)
    {
        ApiPrices = api;
        BatchTerms = terms;
        GpuPrices = gpus;
        CpuPrices = cpus;
        PromptCaching = caching;
    }

    /// <summary>The tables shipped with this version of the library.</summary>
    public static PriceTable Default => Shipped.Value;

    /// <summary>API prices, one row per model.</summary>
    public IReadOnlyList<ApiPrice> ApiPrices { get; }

    /// <summary>Batch API terms, one row per provider.</summary>
    public IReadOnlyList<BatchApiTerms> BatchTerms { get; }

    /// <summary>GPU prices, one row per offer.</summary>
    public IReadOnlyList<GpuPrice> GpuPrices { get; }

    /// <summary>CPU-only machine prices, one row per offer.</summary>
    public IReadOnlyList<CpuPrice> CpuPrices { get; }

    /// <summary>Prompt-caching rules, one row per model.</summary>
    public IReadOnlyList<PromptCachingTerms> PromptCaching { get; }

    /// <summary>Reads the tables from CSV text (the format of data/prices/*.csv); without CPU prices or caching rules those tables are empty.</summary>
    /// <exception cref="InvalidDataException">
    /// A column is missing; a price is missing, malformed or negative; a discount is outside 0 to 100 percent; a completion window is not above 0 hours;
    /// a request limit is not a whole number from 1; a model, provider or GPU offer appears twice; a batch price basis is neither "published" nor "derived: ...";
    /// a date is not yyyy-MM-dd; or a caching rule has a minimum that is not a whole number from 1, or a with_batch other than none, stacks or replaces.
    /// The message names the file and line.
    /// </exception>
    public static PriceTable Parse(string apiPricesCsv, string batchTermsCsv, string gpuPricesCsv, string? cpuPricesCsv = null, string? promptCachingCsv = null)
    {
        var api = CsvRecords.Parse("api-prices.csv", apiPricesCsv, ApiColumns);
        var terms = CsvRecords.Parse("batch-terms.csv", batchTermsCsv, TermsColumns);
        var gpus = CsvRecords.Parse("gpu-prices.csv", gpuPricesCsv, GpuColumns);
        api.RequireUnique(r => api.Text(r, "model"), "model");
        terms.RequireUnique(r => terms.Text(r, "provider"), "provider");
        gpus.RequireUnique(r => $"{gpus.Text(r, "gpu")} ({gpus.Text(r, "offer")})", "GPU offer");
        foreach (var row in api.Rows)
        {
            var basis = api.Text(row, "batch_price_basis");
            if (basis != ApiPrice.Published && !basis.StartsWith(ApiPrice.DerivedPrefix, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"api-prices.csv, line {row.Line}: batch_price_basis must be '{ApiPrice.Published}' (the provider lists the batch price) or start with '{ApiPrice.DerivedPrefix}' (computed from a stated discount); got '{basis}'.");
            }
        }

        var cpus = cpuPricesCsv is null ? null : CsvRecords.Parse("cpu-prices.csv", cpuPricesCsv, CpuColumns);
        var caching = promptCachingCsv is null ? null : CsvRecords.Parse("prompt-caching.csv", promptCachingCsv, CachingColumns);
        caching?.RequireUnique(r => caching.Text(r, "model"), "model");
        cpus?.RequireUnique(r => cpus.Text(r, "offer"), "CPU offer");
        return new PriceTable(
            api.Rows.Select(r => new ApiPrice(
                api.Text(r, "provider"), api.Text(r, "model"),
                api.NonNegative(r, "input_per_million"), api.NonNegative(r, "output_per_million"),
                api.NonNegative(r, "batch_input_per_million"), api.NonNegative(r, "batch_output_per_million"),
                api.Text(r, "batch_price_basis"), api.Date(r, "date"), api.Text(r, "source"))).ToImmutableList(),
            terms.Rows.Select(r => new BatchApiTerms(
                terms.Text(r, "provider"), terms.AtMost(r, "discount_percent", 100, "percent"), terms.PositiveAtMost(r, "completion_window_hours", BatchApiTerms.MaxCompletionWindowHours, "hours"),
                terms.OptionalCount(r, "max_requests"), terms.OptionalPositive(r, "max_file_megabytes"),
                terms.Date(r, "date"), terms.Text(r, "source"))).ToImmutableList(),
            gpus.Rows.Select(r => new GpuPrice(
                gpus.Text(r, "gpu"), gpus.Text(r, "offer"), gpus.NonNegative(r, "per_gpu_hour"),
                gpus.Date(r, "date"), gpus.Text(r, "source"))).ToImmutableList(),
            cpus is null ? [] : cpus.Rows.Select(r => new CpuPrice(
                cpus.Text(r, "machine"), cpus.Text(r, "offer"), cpus.WholeNumber(r, "vcpus", 1, 100_000), cpus.NonNegative(r, "per_hour"),
                cpus.Date(r, "date"), cpus.Text(r, "source"))).ToImmutableList(),
            CachingRows(caching));
    }

    private static ImmutableList<PromptCachingTerms> CachingRows(CsvRecords? caching) => caching is null ? [] : caching.Rows.Select(r => new PromptCachingTerms(
        caching.Text(r, "provider"), caching.Text(r, "model"), caching.WholeNumber(r, "minimum_prompt_tokens", 1, 10_000_000),
        caching.NonNegative(r, "cached_input_per_million"), caching.OptionalPositive(r, "cache_write_per_million"), WithBatch(caching, r),
        caching.Date(r, "date"), caching.Text(r, "source"))).ToImmutableList();

    private static CachingWithBatch WithBatch(CsvRecords caching, (int Line, string[] Fields) row) => caching.Text(row, "with_batch") switch
    {
        "none" => CachingWithBatch.None,
        "stacks" => CachingWithBatch.Stacks,
        "replaces" => CachingWithBatch.Replaces,
        var other => throw new InvalidDataException($"prompt-caching.csv, line {row.Line}: with_batch must be none, stacks or replaces; got '{other}'."),
    };

    /// <summary>The prompt-caching rules of <paramref name="model"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The model has no caching rules in the table; the message lists the models that have.</exception>
    public PromptCachingTerms Caching(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return PromptCaching.FirstOrDefault(c => string.Equals(c.Model, model, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"No prompt-caching rules for '{model}'. Known: {string.Join(", ", PromptCaching.Select(c => c.Model))}.", nameof(model));
    }

    /// <summary>The CPU machine price whose offer contains <paramref name="offer"/> (case-insensitive), or the first one.</summary>
    /// <exception cref="ArgumentException">No such offer; the message lists those in the table.</exception>
    public CpuPrice Cpu(string? offer = null) =>
        CpuPrices.FirstOrDefault(p => offer is null || p.Offer.Contains(offer, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown CPU offer '{offer}'. Known: {string.Join("; ", CpuPrices.Select(p => p.Offer))}.", nameof(offer));

    /// <summary>The API price of <paramref name="model"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The model is not in the table; the message lists the models that are.</exception>
    public ApiPrice Api(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return ApiPrices.FirstOrDefault(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"Unknown model '{model}'. Known models: {string.Join(", ", ApiPrices.Select(p => p.Model))}. Add one with WithApiPrice.", nameof(model));
    }

    /// <summary>The batch API terms of <paramref name="provider"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The provider is not in the table; the message lists the ones that are.</exception>
    public BatchApiTerms Terms(string provider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        return BatchTerms.FirstOrDefault(t => string.Equals(t.Provider, provider, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"Unknown provider '{provider}'. Known providers: {string.Join(", ", BatchTerms.Select(t => t.Provider))}.", nameof(provider));
    }

    /// <summary>The GPU price of the first offer for <paramref name="gpu"/> (case-insensitive), or of the named <paramref name="offer"/>.</summary>
    /// <exception cref="ArgumentException">No such GPU or offer; the message lists those in the table.</exception>
    public GpuPrice Gpu(string gpu, string? offer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gpu);
        return GpuPrices.FirstOrDefault(p => string.Equals(p.Gpu, gpu, StringComparison.OrdinalIgnoreCase) && (offer is null || p.Offer.Contains(offer, StringComparison.OrdinalIgnoreCase)))
               ?? throw new ArgumentException($"Unknown GPU '{gpu}'{(offer is null ? "" : $" with offer '{offer}'")}. Known: {string.Join("; ", GpuPrices.Select(p => $"{p.Gpu} ({p.Offer})"))}.", nameof(gpu));
    }

    /// <summary>A copy with <paramref name="price"/> added, or replacing the row of the same model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A price is negative or not a number.</exception>
    public PriceTable WithApiPrice(ApiPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        price.Validated();
        var rows = ApiPrices.Where(p => !string.Equals(p.Model, price.Model, StringComparison.OrdinalIgnoreCase)).Append(price);
        return new PriceTable(rows.ToImmutableList(), (ImmutableList<BatchApiTerms>)BatchTerms, (ImmutableList<GpuPrice>)GpuPrices, (ImmutableList<CpuPrice>)CpuPrices,
            (ImmutableList<PromptCachingTerms>)PromptCaching);
    }

    /// <summary>A copy with <paramref name="price"/> added, or replacing the row of the same GPU and offer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative or not a number.</exception>
    public PriceTable WithGpuPrice(GpuPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        price.Validated();
        var rows = GpuPrices.Where(p => !(string.Equals(p.Gpu, price.Gpu, StringComparison.OrdinalIgnoreCase) && p.Offer == price.Offer)).Append(price);
        return new PriceTable((ImmutableList<ApiPrice>)ApiPrices, (ImmutableList<BatchApiTerms>)BatchTerms, rows.ToImmutableList(), (ImmutableList<CpuPrice>)CpuPrices,
            (ImmutableList<PromptCachingTerms>)PromptCaching);
    }

    private static PriceTable LoadShipped()
    {
        static string Read(string name)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"BatchLearning.Prices.{name}")
                               ?? throw new InvalidOperationException($"The library was built without its price table {name}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        return Parse(Read("api-prices.csv"), Read("batch-terms.csv"), Read("gpu-prices.csv"), Read("cpu-prices.csv"), Read("prompt-caching.csv"));
    }
}

namespace BatchLearning.Costs;

/// <summary>One model's API price, in US dollars per million tokens, with where and when it was read.</summary>
/// <param name="Provider">For example "OpenAI".</param>
/// <param name="Model">The model's name as the price table spells it, for example "gpt-4o-mini".</param>
/// <param name="InputPerMillion">Real-time price of a million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">Real-time price of a million output tokens.</param>
/// <param name="BatchInputPerMillion">Batch API price of a million input tokens.</param>
/// <param name="BatchOutputPerMillion">Batch API price of a million output tokens.</param>
/// <param name="BatchPriceBasis">
/// "published" when the provider lists this model's batch price; "derived: ..." (for example "derived: 50% batch discount") when the batch price was
/// computed from the provider's stated batch discount because no per-model batch price was found. A derived price is never a measurement.
/// </param>
/// <param name="Date">When the price was read.</param>
/// <param name="Source">Where it was read.</param>
public sealed record ApiPrice(
    string Provider,
    string Model,
    double InputPerMillion,
    double OutputPerMillion,
    double BatchInputPerMillion,
    double BatchOutputPerMillion,
    string BatchPriceBasis,
    DateOnly Date,
    string Source)
{
    /// <summary>The basis of a batch price the provider lists.</summary>
    public const string Published = "published";

    /// <summary>How the basis of a batch price computed from a stated discount starts.</summary>
    public const string DerivedPrefix = "derived";

    /// <summary>True when the provider lists this batch price; false when it was derived from a stated discount.</summary>
    public bool BatchPriceIsPublished => BatchPriceBasis == Published;

    /// <summary>Refuses negative or non-finite prices and an empty model or source, naming the field.</summary>
    internal ApiPrice Validated()
    {
        Check(InputPerMillion, nameof(InputPerMillion));
        Check(OutputPerMillion, nameof(OutputPerMillion));
        Check(BatchInputPerMillion, nameof(BatchInputPerMillion));
        Check(BatchOutputPerMillion, nameof(BatchOutputPerMillion));
        ArgumentException.ThrowIfNullOrWhiteSpace(Model, nameof(Model));
        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        Guard.ReadOn(Date, nameof(Date));
        return this;
    }

    private void Check(double price, string name)
    {
        if (!double.IsFinite(price) || price < 0)
        {
            throw new ArgumentOutOfRangeException(name, price, $"{Model}: {name} must be a price of 0 or more US dollars per million tokens (finite); got {price}.");
        }
    }
}

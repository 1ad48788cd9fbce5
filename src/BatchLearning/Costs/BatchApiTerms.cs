namespace BatchLearning.Costs;

/// <summary>A provider's batch API terms.</summary>
/// <param name="Provider">For example "OpenAI".</param>
/// <param name="DiscountPercent">The discount against real-time prices, from 0 to 100 percent.</param>
/// <param name="CompletionWindowHours">How long a batch may take before it expires, more than 0 and at most <see cref="MaxCompletionWindowHours"/> hours.</param>
/// <param name="MaxRequests">Requests per batch, 1 or more, when known.</param>
/// <param name="MaxFileMegabytes">Size of one batch's input, more than 0 megabytes, when known.</param>
/// <param name="Date">When the terms were read.</param>
/// <param name="Source">Where they were read.</param>
public sealed record BatchApiTerms(
    string Provider,
    double DiscountPercent,
    double CompletionWindowHours,
    int? MaxRequests,
    double? MaxFileMegabytes,
    DateOnly Date,
    string Source)
{
    /// <summary>The longest completion window accepted, 1,000,000 hours (over a century): anything longer is a typing error.</summary>
    public const double MaxCompletionWindowHours = 1_000_000;

    /// <summary>Refuses terms no provider could offer (a discount outside 0 to 100 %, a window not above 0 hours, a limit below 1), naming the field.</summary>
    internal BatchApiTerms Validated()
    {
        if (!double.IsFinite(DiscountPercent) || DiscountPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(DiscountPercent), DiscountPercent, $"{Provider}: DiscountPercent must be from 0 to 100 percent; got {DiscountPercent}.");
        }

        if (!double.IsFinite(CompletionWindowHours) || CompletionWindowHours is <= 0 or > MaxCompletionWindowHours)
        {
            throw new ArgumentOutOfRangeException(nameof(CompletionWindowHours), CompletionWindowHours, $"{Provider}: CompletionWindowHours must be more than 0 and at most {MaxCompletionWindowHours:N0} hours; got {CompletionWindowHours}.");
        }

        if (MaxRequests is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequests), MaxRequests, $"{Provider}: MaxRequests must be 1 or more (or null when not known); got {MaxRequests}.");
        }

        if (MaxFileMegabytes is { } megabytes && (!double.IsFinite(megabytes) || megabytes <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileMegabytes), MaxFileMegabytes, $"{Provider}: MaxFileMegabytes must be more than 0 megabytes (or null when not known); got {megabytes}.");
        }

        Guard.ReadOn(Date, nameof(Date));
        return this;
    }
}

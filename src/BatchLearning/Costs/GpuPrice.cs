namespace BatchLearning.Costs;

/// <summary>An on-demand GPU price, in US dollars per GPU-hour, with where and when it was read.</summary>
/// <param name="Gpu">For example "L4" or "H100 80GB".</param>
/// <param name="Offer">The cloud offer, for example "AWS g6.xlarge".</param>
/// <param name="PerGpuHour">US dollars per GPU-hour, 0 or more.</param>
/// <param name="Date">When the price was read.</param>
/// <param name="Source">Where it was read.</param>
public sealed record GpuPrice(string Gpu, string Offer, double PerGpuHour, DateOnly Date, string Source)
{
    /// <summary>Refuses a negative or non-finite price and an empty source, naming the field.</summary>
    internal GpuPrice Validated()
    {
        if (!double.IsFinite(PerGpuHour) || PerGpuHour < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PerGpuHour), PerGpuHour, $"{Gpu} ({Offer}): PerGpuHour must be 0 or more US dollars per GPU-hour (finite); got {PerGpuHour}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        Guard.ReadOn(Date, nameof(Date));
        return this;
    }
}

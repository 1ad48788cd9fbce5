namespace BatchLearning.Costs;

/// <summary>An on-demand price of a CPU-only cloud machine, in US dollars per hour, with where and when it was read.</summary>
/// <param name="Machine">For example "2 vCPU, 8 GiB (Arm)".</param>
/// <param name="Offer">The cloud offer, for example "AWS m7g.large (us-east-1, Linux)".</param>
/// <param name="VirtualCpus">Virtual CPUs, 1 or more.</param>
/// <param name="PerHour">US dollars per hour, 0 or more.</param>
/// <param name="Date">When the price was read.</param>
/// <param name="Source">Where it was read.</param>
public sealed record CpuPrice(string Machine, string Offer, int VirtualCpus, double PerHour, DateOnly Date, string Source)
{
    /// <summary>
    /// This machine in the shape the hourly calculators take (<see cref="GpuCostCalculator"/>, <see cref="BreakEven"/>, <see cref="CostSensitivity"/>):
    /// a <see cref="GpuPrice"/> whose "GPU" is "none (CPU only)" and whose price per GPU-hour is the machine's price per hour.
    /// </summary>
    public GpuPrice AsHourlyPrice()
    {
        Validated();
        return new GpuPrice("none (CPU only)", $"{Offer}, {Machine}", PerHour, Date, Source);
    }

    /// <summary>Refuses a negative or non-finite price, no CPU and an empty source, naming the field.</summary>
    internal CpuPrice Validated()
    {
        if (!double.IsFinite(PerHour) || PerHour < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PerHour), PerHour, $"{Offer}: PerHour must be 0 or more US dollars per hour (finite); got {PerHour}.");
        }

        if (VirtualCpus < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(VirtualCpus), VirtualCpus, $"{Offer}: VirtualCpus must be 1 or more; got {VirtualCpus}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        Guard.ReadOn(Date, nameof(Date));
        return this;
    }
}

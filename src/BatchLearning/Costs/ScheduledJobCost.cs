namespace BatchLearning.Costs;

/// <summary>
/// What a machine costs a day for a periodic job, two ways: a machine that stays up (every hour paid), or a machine started for each run
/// (each run pays its start-up, model load and processing, rounded up by the billing rule, at least its minimum).
/// </summary>
/// <param name="Offer">The machine priced.</param>
/// <param name="RunsPerDay">Runs a day (288 for every five minutes).</param>
/// <param name="StartSecondsPerRun">Start-up and model load per run, in seconds.</param>
/// <param name="ProcessingSecondsPerDay">Processing of all runs of the day, in seconds.</param>
/// <param name="BilledSecondsPerDay">Seconds billed a day when started per run.</param>
/// <param name="StartedPerRunPerDay">US dollars a day when started per run.</param>
/// <param name="AlwaysUpPerDay">US dollars a day for the machine up 24 hours.</param>
/// <param name="Billing">The billing rule applied to each start.</param>
public sealed record ScheduledJobCost(
    string Offer,
    int RunsPerDay,
    double StartSecondsPerRun,
    double ProcessingSecondsPerDay,
    double BilledSecondsPerDay,
    double StartedPerRunPerDay,
    double AlwaysUpPerDay,
    string Billing)
{
    /// <summary>The cheaper way for this job: started per run, or always up.</summary>
    public bool StartPerRunIsCheaper => StartedPerRunPerDay < AlwaysUpPerDay;

    /// <summary>Prices a day of runs on <paramref name="machine"/>.</summary>
    /// <param name="machine">The machine's hourly price.</param>
    /// <param name="startPerRun">Start-up and model load of one run (measured), 0 or more.</param>
    /// <param name="processingPerRun">The processing time of each run of the day (measured), each 0 or more; at least one run.</param>
    /// <param name="billing">How each start is billed (minimum and increment).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative time, or a price or rule out of range.</exception>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static ScheduledJobCost Estimate(GpuPrice machine, TimeSpan startPerRun, IReadOnlyList<TimeSpan> processingPerRun, BillingRule billing)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(processingPerRun);
        ArgumentNullException.ThrowIfNull(billing);
        machine.Validated();
        billing.Validated();
        if (startPerRun < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(startPerRun), startPerRun, $"startPerRun must be 0 or more; got {startPerRun}.");
        }

        if (processingPerRun.Count == 0)
        {
            throw new ArgumentException("processingPerRun needs at least one run.", nameof(processingPerRun));
        }

        var negative = processingPerRun.Select((t, i) => (t, i)).FirstOrDefault(x => x.t < TimeSpan.Zero);
        if (negative.t < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(processingPerRun), negative.t, $"processingPerRun[{negative.i}] must be 0 or more; got {negative.t}.");
        }

        var billed = processingPerRun.Sum(t => billing.Billed(startPerRun + t).TotalSeconds);
        return new ScheduledJobCost($"{machine.Offer}", processingPerRun.Count, startPerRun.TotalSeconds, processingPerRun.Sum(t => t.TotalSeconds), billed,
            billed / 3600 * machine.PerGpuHour, 24 * machine.PerGpuHour,
            $"at least {billing.Minimum.TotalSeconds:0} s per start, then per {billing.Increment.TotalSeconds:0.###} s");
    }
}

namespace BatchLearning.Costs;

/// <summary>How a cloud bills a machine's running time: a minimum per start, then whole increments.</summary>
/// <param name="Minimum">Billed at least this long each time the machine or job starts (0 or more), for example 60 s on EC2 Linux.</param>
/// <param name="Increment">Running time is rounded up to whole increments (more than 0), for example 1 s on EC2 Linux, 1 h for hourly billing.</param>
/// <param name="Source">Where the rule was read.</param>
public sealed record BillingRule(TimeSpan Minimum, TimeSpan Increment, string Source)
{
    /// <summary>Amazon EC2 Linux on demand: per second, with a minimum of 60 seconds (AWS, "Announcing Amazon EC2 per second billing", 2017-10-02).</summary>
    public static BillingRule Ec2PerSecond { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1),
        "AWS, \"Announcing Amazon EC2 per second billing\" (2017-10-02), https://aws.amazon.com/about-aws/whats-new/2017/10/announcing-amazon-ec2-per-second-billing/");

    /// <summary>The time billed for one start that runs <paramref name="running"/>: at least the minimum, rounded up to whole increments.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative running time, or a rule with a negative minimum or an increment not above zero.</exception>
    public TimeSpan Billed(TimeSpan running)
    {
        Validated();
        if (running < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(running), running, $"running must be 0 or more; got {running}.");
        }

        var increments = Math.Ceiling(running.Ticks / (double)Increment.Ticks);
        var rounded = TimeSpan.FromTicks((long)(increments * Increment.Ticks));
        return rounded < Minimum ? Minimum : rounded;
    }

    internal BillingRule Validated()
    {
        if (Minimum < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Minimum), Minimum, $"Minimum must be 0 or more; got {Minimum}.");
        }

        if (Increment <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Increment), Increment, $"Increment must be more than 0 (for example 1 second); got {Increment}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        return this;
    }
}

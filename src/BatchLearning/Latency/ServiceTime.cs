namespace BatchLearning.Latency;

/// <summary>How long the server takes for a batch of b requests, for <see cref="BatchingSimulator"/>.</summary>
public abstract record ServiceTime
{
    private ServiceTime()
    {
    }

    /// <summary>s(b) = <paramref name="FixedSeconds"/> + <paramref name="PerItemSeconds"/> x b, the same every time (fitted from measurements).</summary>
    public sealed record Linear(double FixedSeconds, double PerItemSeconds) : ServiceTime;

    /// <summary>Exponentially distributed with the given mean for every batch (the "M" service of M/M/1).</summary>
    public sealed record Exponential(double MeanSeconds) : ServiceTime;

    /// <summary>A measured profile: seconds per batch size, interpolated linearly between sizes and extended linearly past the largest.</summary>
    public sealed record Profile(IReadOnlyDictionary<int, double> SecondsByBatchSize) : ServiceTime;

    internal Func<int, Random, double> Sampler()
    {
        switch (this)
        {
            case Linear linear:
                NonNegative(linear.FixedSeconds, nameof(Linear.FixedSeconds));
                NonNegative(linear.PerItemSeconds, nameof(Linear.PerItemSeconds));
                return (b, _) => linear.FixedSeconds + linear.PerItemSeconds * b;
            case Exponential exponential:
                if (!double.IsFinite(exponential.MeanSeconds) || exponential.MeanSeconds <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(Exponential.MeanSeconds), exponential.MeanSeconds, "MeanSeconds must be more than 0.");
                }

                return (_, random) => -Math.Log(1 - random.NextDouble()) * exponential.MeanSeconds;
            case Profile profile:
                ArgumentNullException.ThrowIfNull(profile.SecondsByBatchSize, nameof(Profile.SecondsByBatchSize));
                var points = profile.SecondsByBatchSize.OrderBy(p => p.Key).ToArray();
                if (points.Length == 0 || points.Any(p => p.Key < 1 || !double.IsFinite(p.Value) || p.Value < 0))
                {
                    throw new ArgumentException("A service-time profile needs at least one batch size of 1 or more with a time of 0 or more seconds.", nameof(Profile.SecondsByBatchSize));
                }

                return (b, _) => Interpolate(points, b);
            default:
                throw new InvalidOperationException($"Unknown service time {GetType().Name}.");
        }
    }

    private static double Interpolate(KeyValuePair<int, double>[] points, int b)
    {
        if (points.Length == 1)
        {
            return points[0].Value * b / points[0].Key;
        }

        var upper = Array.FindIndex(points, p => p.Key >= b);
        var (left, right) = upper switch
        {
            -1 => (points[^2], points[^1]),
            0 => (points[0], points[1]),
            _ => (points[upper - 1], points[upper]),
        };
        return Math.Max(0, left.Value + (right.Value - left.Value) * (b - left.Key) / (right.Key - left.Key));
    }

    private static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 or more seconds.");
        }
    }
}

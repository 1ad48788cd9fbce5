namespace BatchLearning.Latency;

/// <summary>When requests arrive, for <see cref="BatchingSimulator"/>.</summary>
public abstract record Arrivals
{
    private Arrivals()
    {
    }

    /// <summary>A Poisson stream: independent, exponentially distributed gaps with mean 1 / rate.</summary>
    /// <param name="RatePerSecond">Requests per second, from <see cref="LatencyFormulas.LowestRate"/> (1e-6) to <see cref="LatencyFormulas.HighestRate"/> (1e9): below it every wait rounds to 0 ms.</param>
    public sealed record Poisson(double RatePerSecond) : Arrivals;

    /// <summary>Recorded arrival times in seconds (for example a day of email), replayed as given; they must not decrease.</summary>
    public sealed record Recorded(IReadOnlyList<double> Times) : Arrivals;

    internal double[] Generate(int count, Random random)
    {
        switch (this)
        {
            case Poisson poisson:
                Guard.InRange(poisson.RatePerSecond, LatencyFormulas.LowestRate, LatencyFormulas.HighestRate, nameof(Poisson.RatePerSecond));

                var times = new double[count];
                var now = 0.0;
                for (var i = 0; i < count; i++)
                {
                    now += -Math.Log(1 - random.NextDouble()) / poisson.RatePerSecond;
                    times[i] = now;
                }

                return times;
            case Recorded recorded:
                if (recorded.Times is null || recorded.Times.Count == 0)
                {
                    throw new ArgumentException("Recorded arrivals are empty: give at least one arrival time.", nameof(Recorded.Times));
                }

                var copy = recorded.Times.Take(count).ToArray();
                for (var i = 0; i < copy.Length; i++)
                {
                    if (!double.IsFinite(copy[i]) || copy[i] < 0 || (i > 0 && copy[i] < copy[i - 1]))
                    {
                        throw new ArgumentException($"Recorded arrival {i} is {copy[i]}: times must be finite, 0 or more, and not decrease.", nameof(Recorded.Times));
                    }
                }

                return copy;
            default:
                throw new InvalidOperationException($"Unknown arrivals {GetType().Name}.");
        }
    }
}

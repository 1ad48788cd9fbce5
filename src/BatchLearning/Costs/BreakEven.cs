namespace BatchLearning.Costs;

/// <summary>Where two ways of paying for the same work cost the same.</summary>
public static class BreakEven
{
    /// <summary>
    /// The requests a day above which a GPU rented around the clock (a fixed 24 x price per day) costs less than paying an API
    /// per request: 24 x price per hour / API cost per request. Null when the GPU cannot serve that many requests a day at
    /// <paramref name="throughputPerSecond"/> (then the API stays cheaper up to the GPU's capacity).
    /// </summary>
    /// <param name="gpu">The GPU's hourly price, 0 or more (finite).</param>
    /// <param name="throughputPerSecond">Items per second the model reaches on that GPU, more than 0.</param>
    /// <param name="apiCostPerRequest">What one request costs on the API, more than 0.</param>
    public static double? DedicatedGpuVersusApi(GpuPrice gpu, double throughputPerSecond, double apiCostPerRequest)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        gpu.Validated();
        if (!double.IsFinite(apiCostPerRequest) || apiCostPerRequest <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(apiCostPerRequest), apiCostPerRequest, "apiCostPerRequest must be more than 0 US dollars.");
        }

        if (!double.IsFinite(throughputPerSecond) || throughputPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(throughputPerSecond), throughputPerSecond, "throughputPerSecond must be more than 0 items per second.");
        }

        var volume = 24 * gpu.PerGpuHour / apiCostPerRequest;
        return volume <= throughputPerSecond * 86_400 ? volume : null;
    }

    /// <summary>
    /// The first x at which curve <paramref name="b"/> becomes cheaper than curve <paramref name="a"/>, by linear interpolation
    /// between sampled points; null when it never does within the samples.
    /// </summary>
    /// <param name="x">Strictly ascending, finite sample points (for example requests a day), at least 2.</param>
    /// <param name="a">Cost of option A at each point, finite.</param>
    /// <param name="b">Cost of option B at each point, finite.</param>
    /// <exception cref="ArgumentException">The lists differ in length or hold fewer than 2 points, a value is NaN or infinite, or x does not ascend.</exception>
    public static double? Crossing(IReadOnlyList<double> x, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != x.Count || b.Count != x.Count || x.Count < 2)
        {
            throw new ArgumentException($"x, a and b need the same length, at least 2; got {x.Count}, {a.Count}, {b.Count}.", nameof(x));
        }

        for (var i = 0; i < x.Count; i++)
        {
            Finite(x, i, nameof(x), "sample point");
            Finite(a, i, nameof(a), "cost");
            Finite(b, i, nameof(b), "cost");
            if (i > 0 && x[i] <= x[i - 1])
            {
                throw new ArgumentException($"x must be strictly ascending: x[{i}] = {x[i]} is not above x[{i - 1}] = {x[i - 1]}.", nameof(x));
            }
        }

        for (var i = 0; i < x.Count; i++)
        {
            var difference = b[i] - a[i];
            if (difference > 0)
            {
                continue;
            }

            if (i == 0)
            {
                return x[0];
            }

            var previous = b[i - 1] - a[i - 1];
            return x[i - 1] + (x[i] - x[i - 1]) * previous / (previous - difference);
        }

        return null;
    }

    // A NaN cost compares false with everything, so it would pass for "cheaper" or hide a crossing: refuse it, naming where it is.
    private static void Finite(IReadOnlyList<double> values, int index, string name, string what)
    {
        if (!double.IsFinite(values[index]))
        {
            throw new ArgumentException($"{name}[{index}] is {values[index]}: every {what} must be a finite number.", name);
        }
    }
}

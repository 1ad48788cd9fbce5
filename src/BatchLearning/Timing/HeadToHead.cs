using System.Globalization;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Timing;

/// <summary>
/// The course's one way to compare two timings: the two ways run interleaved, round after round (alternating which goes first), after untimed
/// warm-up rounds, on a stated number of libtorch threads, with a fixed reference task timed in the same rounds as a sign of contention.
/// A busy moment then slows both ways of the same round alike, and each round gives one ratio; the verdict comes from those ratios
/// (see <see cref="HeadToHeadOptions"/> for the rule), so a difference the run cannot tell apart is "too close to call", never stated the other way.
/// </summary>
public static class HeadToHead
{
    // The interval for the median ratio covers at least this much (order statistics of the per-round ratios).
    private const double Coverage = 0.95;
    private static double s_referenceSink;

    /// <summary>Times <paramref name="first"/> against <paramref name="second"/> in alternating rounds and judges them.</summary>
    /// <param name="first">The first way (for example "one at a time").</param>
    /// <param name="second">The second way (for example "batches").</param>
    /// <param name="options">Rounds, warm-up, threads and the verdict's margin; null for the defaults (15 rounds on one thread).</param>
    /// <param name="time">Where time comes from; null for the system clock (tests pass a fake one).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option or a way's units out of range.</exception>
    public static HeadToHeadResult Run(ComparedWay first, ComparedWay second, HeadToHeadOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= new HeadToHeadOptions();
        Validate(first, second, options);
        time ??= TimeProvider.System;
        var previousThreads = get_num_threads();
        var threads = options.TorchThreads ?? previousThreads;
        set_num_threads(threads);
        try
        {
            var reference = options.Reference ?? ReferenceTask;
            var (firstTimes, secondTimes, referenceTimes) = TimeRounds(first, second, reference, options, time);
            return Judge(first.Name, second.Name, new RoundTimes(firstTimes, secondTimes, referenceTimes), options, threads);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    /// <summary>Judges timings already taken: the medians, the per-round ratios, their interval, the verdict and the contention sign.</summary>
    /// <param name="first">The first way's name.</param>
    /// <param name="second">The second way's name.</param>
    /// <param name="rounds">Milliseconds per unit of each way and of the reference task, one entry per round (the same count each).</param>
    /// <param name="options">The margin and the busy threshold; null for the defaults.</param>
    /// <param name="torchThreads">libtorch threads the rounds ran on (reported, not used).</param>
    public static HeadToHeadResult Judge(string first, string second, RoundTimes rounds, HeadToHeadOptions? options = null, int torchThreads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(first);
        ArgumentException.ThrowIfNullOrWhiteSpace(second);
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.First.Count != rounds.Second.Count)
        {
            throw new ArgumentException($"Both ways need one time per round; got {rounds.First.Count} and {rounds.Second.Count}.", nameof(rounds));
        }

        options ??= new HeadToHeadOptions();
        var ratios = rounds.First.Zip(rounds.Second, (a, b) => a / b).ToList();
        var (low, high) = MedianInterval(ratios);
        var median = Median(ratios);
        var (firstMedian, secondMedian) = (Median(rounds.First), Median(rounds.Second));
        // A winner needs the interval on its side of 1, the median ratio beyond the margin, and its own median round the faster one.
        var verdict = !double.IsNaN(low) && low > 1 && median >= 1 + options.Margin && secondMedian < firstMedian ? HeadToHeadVerdict.SecondFaster
            : !double.IsNaN(high) && high < 1 && median <= 1 / (1 + options.Margin) && firstMedian < secondMedian ? HeadToHeadVerdict.FirstFaster
            : HeadToHeadVerdict.TooCloseToCall;
        return new HeadToHeadResult(first, second, firstMedian, secondMedian, ratios, low, high, verdict,
            Contention(rounds.Reference, options.BusyReferenceSpread), torchThreads);
    }

    /// <summary>The median of some numbers (the mean of the middle two for an even count); NaN for none.</summary>
    /// <param name="values">The numbers.</param>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// A distribution-free interval for the median of <paramref name="values"/>: the k-th smallest and k-th largest value, with k the largest that
    /// keeps the coverage at least 95 % (binomial order statistics). (NaN, NaN) with fewer than 6 values, which cannot reach 95 %.
    /// </summary>
    /// <param name="values">Independent samples (here, per-round ratios).</param>
    public static (double Low, double High) MedianInterval(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var k = 0;
        var tail = 0.0; // P(X <= k - 1) for X ~ Binomial(n, 1/2)
        while (k < n / 2)
        {
            var next = tail + Math.Exp(LogChoose(n, k) - n * Math.Log(2));
            if (next > (1 - Coverage) / 2)
            {
                break;
            }

            tail = next;
            k++;
        }

        if (k == 0)
        {
            return (double.NaN, double.NaN);
        }

        var sorted = values.Order().ToList();
        return (sorted[k - 1], sorted[n - k]);
    }

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n) => Enumerable.Range(2, Math.Max(0, n - 1)).Sum(i => Math.Log(i));

    private static MachineContention Contention(IReadOnlyList<double> reference, double busySpread)
    {
        var median = Median(reference);
        var fastest = reference.Count > 0 ? reference.Min() : double.NaN;
        var spread = fastest > 0 ? reference.Max() / fastest - 1 : double.NaN;
        return new MachineContention(median, spread, spread > busySpread);
    }

    // Warm-up rounds, then the timed rounds: the reference task, then both ways, the first way first in even rounds and second in odd ones.
    private static (List<double> First, List<double> Second, List<double> Reference) TimeRounds(
        ComparedWay first, ComparedWay second, Action reference, HeadToHeadOptions options, TimeProvider time)
    {
        for (var round = 0; round < options.WarmUpRounds; round++)
        {
            Call(reference);
            Call(first.Run);
            Call(second.Run);
        }

        var (firstTimes, secondTimes, referenceTimes) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            referenceTimes.Add(Slice(reference, 1, 0, time));
            var (one, other) = round % 2 == 0 ? (first, second) : (second, first);
            var oneTime = Slice(one.Run, one.UnitsPerCall, options.MinimumSecondsPerRound, time);
            var otherTime = Slice(other.Run, other.UnitsPerCall, options.MinimumSecondsPerRound, time);
            firstTimes.Add(round % 2 == 0 ? oneTime : otherTime);
            secondTimes.Add(round % 2 == 0 ? otherTime : oneTime);
        }

        return (firstTimes, secondTimes, referenceTimes);
    }

    // Calls until at least `seconds` have passed (at least once); milliseconds per unit.
    private static double Slice(Action run, int units, double seconds, TimeProvider time)
    {
        long calls = 0;
        var start = time.GetTimestamp();
        do
        {
            Call(run);
            calls++;
        }
        while (time.GetElapsedTime(start).TotalSeconds < seconds);

        return time.GetElapsedTime(start).TotalMilliseconds / (calls * (double)units);
    }

    private static void Call(Action run)
    {
        using (NewDisposeScope())
        {
            run();
        }

        if (TorchRuntime.Device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }

    // A fixed managed computation of about a millisecond: it uses no libtorch thread, so it slows only when the processor is taken.
    private static void ReferenceTask()
    {
        var x = 1.0;
        for (var i = 0; i < 300_000; i++)
        {
            x = x * 1.000001 + 1e-9;
        }

        s_referenceSink = x;
    }

    private static void Validate(ComparedWay first, ComparedWay second, HeadToHeadOptions options)
    {
        Require(first.UnitsPerCall, 1, int.MaxValue, "first.UnitsPerCall");
        Require(second.UnitsPerCall, 1, int.MaxValue, "second.UnitsPerCall");
        Require(options.Rounds, 1, 1000, nameof(options.Rounds));
        Require(options.WarmUpRounds, 0, 100, nameof(options.WarmUpRounds));
        Require(options.TorchThreads ?? 1, 1, 256, nameof(options.TorchThreads));
        Require(options.MinimumSecondsPerRound, 0, 10, nameof(options.MinimumSecondsPerRound));
        Require(options.Margin, 0, 1, nameof(options.Margin));
        Require(options.BusyReferenceSpread, 0, 10, nameof(options.BusyReferenceSpread));
    }

    private static void Require(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min} to {max}; got {value}."));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Hardware;

/// <summary>
/// The course's one measurement of this machine's ceiling, shared by every notebook and the bench: the fastest square matrix product
/// (n = 256, 512, 1,024 and 2,048, float32) and, on request, the fastest read of a 128 MiB tensor (a sum: every byte read once, nothing written).
/// Work compared with the ceiling is timed <b>interleaved</b> with it: round after round, one sample of each ceiling, then a slice of each piece of work.
/// The ceiling is the best sample and each piece of work its median round, so a busy moment slows the work and the ceiling alike,
/// and cannot lift the work above its ceiling.
/// </summary>
public static class CeilingBenchmark
{
    /// <summary>The matrix sizes the ceiling samples cycle through.</summary>
    public static IReadOnlyList<int> MatrixSizes { get; } = [256, 512, 1024, 2048];

    /// <summary>Size of the tensor the read bandwidth is measured on: 128 MiB, far above any processor cache.</summary>
    public const int ReadMegabytes = 128;

    // A ceiling sample lasts as long as a slice of the work it is compared with (0.2 s over 5 rounds by default), at least 10 ms: a sample much
    // shorter than the slices can meet a busy moment that the work's slices miss (beside a second kernel, 10 ms samples once put a point 6 %
    // above the ceiling), and the best sample then stands for less than the machine can do.
    private const double MinimumSampleSeconds = 0.01;

    /// <summary>The ceiling alone: <paramref name="rounds"/> samples of each matrix size (and of the read bandwidth when asked).</summary>
    /// <param name="rounds">Samples per size, from 1 to 100; defaults to 5.</param>
    /// <param name="bandwidth">Also measure the read bandwidth (for a roofline).</param>
    public static MachineCeiling Measure(int rounds = 5, bool bandwidth = false)
    {
        RequireRounds(rounds);
        return Compare([], rounds, 0.2, bandwidth).Ceiling;
    }

    /// <summary>
    /// Times each piece of <paramref name="work"/> in <paramref name="rounds"/> rounds; each round starts with one ceiling sample of every matrix size
    /// (and a read when <paramref name="bandwidth"/> is set), then times a slice of every piece of work. Every piece gets at least
    /// <paramref name="secondsPerPoint"/> of timed calls in all (at least one call per round).
    /// </summary>
    /// <param name="work">The work to compare; may be empty (then only the ceiling is sampled).</param>
    /// <param name="rounds">Rounds, from 1 to 100; defaults to 5. Each point's figure is its median round.</param>
    /// <param name="secondsPerPoint">Timed seconds per piece of work over all rounds, from 0.001 to 60; defaults to 0.2.</param>
    /// <param name="bandwidth">Also sample the read bandwidth.</param>
    public static CeilingComparison Compare(IReadOnlyList<TimedWork> work, int rounds = 5, double secondsPerPoint = 0.2, bool bandwidth = false)
    {
        Validate(work, rounds, secondsPerPoint);
        using var run = new InterleavedRun(TorchRuntime.Device, bandwidth, Math.Max(MinimumSampleSeconds, secondsPerPoint / rounds));
        run.WarmUp(work);
        var perRound = work.Select(_ => new List<double>()).ToList();
        var calls = new long[work.Count];
        var timed = new double[work.Count];
        for (var round = 0; round < rounds; round++)
        {
            run.SampleEveryProduct();
            for (var i = 0; i < work.Count; i++)
            {
                var (n, seconds) = Repeat(work[i].Run, secondsPerPoint / rounds, run.Device);
                perRound[i].Add(seconds * 1000 / n);
                calls[i] += n;
                timed[i] += seconds;
            }
        }

        var ceiling = run.Ceiling();
        var points = work.Select((piece, i) =>
        {
            var sorted = perRound[i].Order().ToList();
            var milliseconds = sorted[sorted.Count / 2];
            var gflops = piece.FlopsPerCall > 0 ? piece.FlopsPerCall / (milliseconds / 1000) / 1e9 : double.NaN;
            return new TimedPoint(piece.Name, milliseconds, gflops, gflops / ceiling.PeakGigaflopsPerSecond, calls[i], timed[i]);
        }).ToList();
        return new CeilingComparison(ceiling, points);
    }

    private static void Validate(IReadOnlyList<TimedWork> work, int rounds, double secondsPerPoint)
    {
        ArgumentNullException.ThrowIfNull(work);
        RequireRounds(rounds);
        if (!(secondsPerPoint is >= 0.001 and <= 60))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsPerPoint), secondsPerPoint,
                string.Create(CultureInfo.InvariantCulture, $"secondsPerPoint must be from 0.001 to 60 (seconds of timed work per point); got {secondsPerPoint}."));
        }

        for (var i = 0; i < work.Count; i++)
        {
            if (work[i] is null)
            {
                throw new ArgumentException($"work[{i}] is null: give a TimedWork for every point.", nameof(work));
            }

            if (!(work[i].FlopsPerCall >= 0 && double.IsFinite(work[i].FlopsPerCall)))
            {
                throw new ArgumentOutOfRangeException(nameof(work), work[i].FlopsPerCall,
                    string.Create(CultureInfo.InvariantCulture, $"work[{i}] ({work[i].Name}): FlopsPerCall must be a finite number from 0; got {work[i].FlopsPerCall}."));
            }
        }
    }

    private static (long Calls, double Seconds) Repeat(Action call, double seconds, Device device)
    {
        long calls = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            using (NewDisposeScope())
            {
                call();
            }

            calls++;
            if (device.type == DeviceType.CUDA)
            {
                cuda.synchronize();
            }
        }
        while (watch.Elapsed.TotalSeconds < seconds);

        return (calls, watch.Elapsed.TotalSeconds);
    }

    private static void RequireRounds(int rounds)
    {
        if (rounds is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds,
                string.Create(CultureInfo.InvariantCulture, $"rounds must be from 1 to 100; got {rounds}."));
        }
    }
    // The ceiling's side of an interleaved run: the square products and the read tensor, and the best of their samples so far.
    private sealed class InterleavedRun : IDisposable
    {
        private readonly List<(int Size, Tensor A, Tensor B)> _products;
        private readonly Tensor? _read;
        private readonly double _sampleSeconds;
        private double _bestGflops;
        private int _bestSize;
        private double _bestRead = double.NaN;
        private int _samples;
        private double _seconds;
        private int _next;

        public InterleavedRun(Device device, bool bandwidth, double sampleSeconds)
        {
            Device = device;
            _sampleSeconds = sampleSeconds;
            _products = MatrixSizes.Select(n => (n, randn(n, n, device: device), randn(n, n, device: device))).ToList();
            _read = bandwidth ? ones((long)ReadMegabytes * 1024 * 1024 / sizeof(float), device: device) : null;
        }

        public Device Device { get; }

        // Every ceiling kernel and every piece of work once, untimed.
        public void WarmUp(IReadOnlyList<TimedWork> work)
        {
            foreach (var product in _products)
            {
                using var scope = NewDisposeScope();
                product.A.matmul(product.B);
            }

            if (_read is not null)
            {
                using var scope = NewDisposeScope();
                _read.sum();
            }

            foreach (var piece in work)
            {
                using var scope = NewDisposeScope();
                piece.Run();
            }
        }

        // One sample of each matrix size in turn, and a read with the smallest size when the bandwidth is measured.
        public void SampleEveryProduct()
        {
            for (var s = 0; s < _products.Count; s++)
            {
                Sample();
            }
        }

        public MachineCeiling Ceiling() => new(_bestGflops, _bestSize, _bestRead, _samples, _seconds);

        public void Dispose()
        {
            foreach (var product in _products)
            {
                product.A.Dispose();
                product.B.Dispose();
            }

            _read?.Dispose();
        }

        private void Sample()
        {
            var product = _products[_next++ % _products.Count];
            var watch = Stopwatch.StartNew();
            var (calls, seconds) = Repeat(() => product.A.matmul(product.B), _sampleSeconds, Device);
            var gflops = 2.0 * product.Size * product.Size * product.Size * calls / seconds / 1e9;
            if (gflops > _bestGflops)
            {
                (_bestGflops, _bestSize) = (gflops, product.Size);
            }

            _samples++;
            if (_read is not null && product.Size == _products[0].Size)
            {
                var (reads, readSeconds) = Repeat(() => _read.sum(), _sampleSeconds, Device);
                var gigabytes = (double)_read.numel() * sizeof(float) * reads / readSeconds / 1e9;
                _bestRead = double.IsNaN(_bestRead) ? gigabytes : Math.Max(_bestRead, gigabytes);
                _samples++;
            }

            _seconds += watch.Elapsed.TotalSeconds;
        }
    }
}

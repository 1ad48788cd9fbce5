using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Runtime;

/// <summary>How the library times work on the current device: one warm-up call, then the median of timed calls.</summary>
internal static class DeviceTimer
{
    /// <summary>
    /// Runs <paramref name="work"/> once to warm up (first-call allocation, kernel selection), then <paramref name="repetitions"/>
    /// times, each in its own dispose scope and, on a GPU, until the device has finished; returns the median in milliseconds.
    /// </summary>
    internal static double MedianMilliseconds(int repetitions, Action work)
    {
        var device = TorchRuntime.Device;
        using (NewDisposeScope())
        {
            work();
        }

        var times = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            using var scope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            work();
            if (device.type == DeviceType.CUDA)
            {
                cuda.synchronize();
            }

            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repetitions / 2];
    }
}

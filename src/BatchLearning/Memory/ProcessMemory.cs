using System.Globalization;
using System.Runtime.InteropServices;

namespace BatchLearning.Memory;

/// <summary>
/// The process's resident memory on Linux (/proc/self/status), with a resettable peak (VmHWM, reset through /proc/self/clear_refs).
/// For tensors to show up in it and leave it when freed, glibc is told to serve every allocation of 64 KiB or more with its own
/// memory mapping (returned to the system on free) instead of keeping freed blocks in its heap, and free blocks are trimmed before each measurement.
/// </summary>
internal static class ProcessMemory
{
    private const int MallocMmapThreshold = -3;
    private const int MallocTrimThreshold = -1;
    private const int MappedAllocationBytes = 64 * 1024;
    private static readonly Lock Gate = new();
    private static bool _allocatorPrepared;

    /// <summary>True where the measurement works: Linux with /proc.</summary>
    internal static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/self/status");

    /// <summary>Current resident memory in bytes.</summary>
    internal static long ResidentBytes() => Read("VmRSS:");

    /// <summary>Peak resident memory since the last <see cref="ResetPeak"/>, in bytes.</summary>
    internal static long PeakBytes() => Read("VmHWM:");

    /// <summary>Sets the peak to the current resident memory.</summary>
    internal static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>Makes freed tensor memory return to the system (once per process; affects the whole process).</summary>
    internal static void PrepareAllocator()
    {
        lock (Gate)
        {
            if (_allocatorPrepared)
            {
                return;
            }

            try
            {
                _ = mallopt(MallocMmapThreshold, MappedAllocationBytes);
                _ = mallopt(MallocTrimThreshold, MappedAllocationBytes);
            }
            catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (for example musl): the figures include the allocator's cached blocks; still usable for a trend.
            }

            _allocatorPrepared = true;
        }
    }

    /// <summary>
    /// Returns the allocator's free blocks to the system (glibc's malloc_trim), so memory freed earlier in the process cannot be reused
    /// without showing up in the resident figure.
    /// </summary>
    internal static void ReleaseFreeMemory()
    {
        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to trim explicitly.
        }
    }

    private static long Read(string field)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("Peak memory is measured from /proc/self/status, which only Linux has; run the course in its devcontainer or on Linux.");
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc/self/status has no {field} line.");
        var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}

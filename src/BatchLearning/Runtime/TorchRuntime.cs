using TorchSharp;

namespace BatchLearning.Runtime;

/// <summary>
/// The one entry point to TorchSharp for the library, the CLI, the tests and the notebooks: it makes the native library
/// loadable (<see cref="TorchNativeLibraries"/>, <see cref="LibStdCxxCompatibility"/>), loads it with an actionable error when that fails, and picks the device:
/// CUDA when a CUDA backend is referenced and a GPU is present, else the CPU.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static TorchEnvironment? _environment;

    /// <summary>
    /// Loads TorchSharp once per process and returns what it found. Safe to call many times and from many threads.
    /// </summary>
    /// <exception cref="TorchUnavailableException">TorchSharp's native backend could not be loaded; the message says what to do.</exception>
    public static TorchEnvironment Initialize()
    {
        lock (Gate)
        {
            return _environment ??= Load();
        }
    }

    /// <summary>The device chosen by <see cref="Initialize"/>: CUDA when available, else the CPU.</summary>
    public static torch.Device Device => Initialize().Device;

    /// <summary>Seeds torch's random generators (and CUDA's, when in use) so that a run repeats exactly on a CPU.</summary>
    /// <param name="seed">Any integer; the same seed gives the same weights and the same random tensors.</param>
    public static void Seed(long seed)
    {
        var environment = Initialize();
        torch.manual_seed(seed);
        if (environment.Device.type == DeviceType.CUDA)
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    private static TorchEnvironment Load()
    {
        TorchNativeLibraries.Register();
        bool cuda;
        try
        {
            // Asking for CUDA first lets TorchSharp load the CUDA backend when one is referenced (TorchSharp-cuda-linux);
            // with the CPU backend it answers false and loads the CPU one.
            cuda = torch.cuda.is_available();
            using var probe = torch.ones(1);
        }
        catch (Exception error) when (error is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw TorchUnavailableException.From(error, LibStdCxxCompatibility.ForThisProcess());
        }

        var device = cuda ? torch.CUDA : torch.CPU;
        return new TorchEnvironment(
            Device: device,
            Backend: cuda ? $"CUDA ({torch.cuda.device_count()} device(s))" : "CPU",
            Threads: torch.get_num_threads(),
            TorchSharpVersion: typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            LibTorchVersion: torch.__version__,
            Compatibility: LibStdCxxCompatibility.ForThisProcess());
    }
}

using System.Reflection;
using System.Runtime.InteropServices;
using BatchLearning.Runtime;

namespace BatchLearning.Notebook;

/// <summary>The one setup call at the top of every notebook.</summary>
public static class Course
{
    /// <summary>The seed every notebook uses unless it says otherwise.</summary>
    public const long DefaultSeed = CourseDefaults.Seed;

    /// <summary>
    /// Loads TorchSharp (applying the libstdc++ step where needed), picks the device (CUDA when available, else CPU),
    /// seeds torch and returns a report to display.
    /// </summary>
    /// <param name="seed">The seed for torch and every shuffle; defaults to <see cref="DefaultSeed"/>.</param>
    public static CourseSetup Setup(long seed = DefaultSeed)
    {
        var environment = TorchRuntime.Initialize();
        TorchRuntime.Seed(seed);
        var compatibility = environment.Compatibility;
        return new CourseSetup(
            Device: environment.Device.type.ToString().ToLowerInvariant(),
            Backend: environment.Backend,
            TorchThreads: environment.Threads,
            LogicalProcessors: Environment.ProcessorCount,
            OperatingSystem: RuntimeInformation.OSDescription,
            DotNetVersion: Environment.Version.ToString(),
            BatchLearningVersion: typeof(Course).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
            TorchSharpVersion: environment.TorchSharpVersion,
            LibTorchVersion: environment.LibTorchVersion,
            LibStdCxxStep: compatibility.Needed
                ? $"applied: {compatibility.SystemLibStdCxx} lacks {LibStdCxxCompatibility.RequiredVersion}"
                : "not needed",
            Seed: seed);
    }
}

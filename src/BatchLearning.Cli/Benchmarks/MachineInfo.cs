using System.Runtime.InteropServices;
using BatchLearning.Runtime;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>The machine a benchmark ran on: processor, cores, device and versions, so results can be compared honestly.</summary>
internal sealed record MachineInfo(string Processor, int LogicalCores, string Device, int TorchThreads, string OperatingSystem, string DotNet, string TorchSharp, string LibTorch, string Configuration)
{
    /// <summary>This machine, now.</summary>
    public static MachineInfo Current()
    {
        var environment = TorchRuntime.Initialize();
        return new MachineInfo(
            ProcessorName(),
            Environment.ProcessorCount,
            environment.Backend,
            environment.Threads,
            RuntimeInformation.OSDescription,
            Environment.Version.ToString(),
            environment.TorchSharpVersion,
            environment.LibTorchVersion,
#if DEBUG
            "Debug");
#else
            "Release");
#endif
    }

    private static string ProcessorName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

using System.Runtime.CompilerServices;
using BatchLearning.Runtime;

namespace BatchLearning.Tests.Support;

internal static class TorchModule
{
    // Every test may touch TorchSharp directly: load it (with the libstdc++ step where needed) before any test runs.
    [ModuleInitializer]
    internal static void LoadTorch() => TorchRuntime.Initialize();
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace BatchLearning.Runtime;

/// <summary>Runs when the library is loaded, before any of its code can touch TorchSharp.</summary>
internal static class ModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "TorchSharp loads its native library in its first static constructor; the resolver must be in place before that, whoever calls first.")]
    internal static void RegisterTorchNativeLibraries() => TorchNativeLibraries.Register();
}

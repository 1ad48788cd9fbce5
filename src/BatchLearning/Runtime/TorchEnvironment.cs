using TorchSharp;

namespace BatchLearning.Runtime;

/// <summary>What <see cref="TorchRuntime.Initialize"/> found on this machine.</summary>
/// <param name="Device">The device tensors and models go to: CUDA when available, else the CPU.</param>
/// <param name="Backend">"CPU" or "CUDA (n device(s))".</param>
/// <param name="Threads">The number of threads libtorch uses for one operation on the CPU.</param>
/// <param name="TorchSharpVersion">The version of the TorchSharp bindings.</param>
/// <param name="LibTorchVersion">The version of the native libtorch under them.</param>
/// <param name="Compatibility">Whether the libstdc++ compatibility step was needed, and what it changed.</param>
public sealed record TorchEnvironment(
    torch.Device Device,
    string Backend,
    int Threads,
    string TorchSharpVersion,
    string LibTorchVersion,
    CompatibilityResult Compatibility)
{
    /// <summary>True when the chosen device is a CUDA GPU.</summary>
    public bool IsCuda => Device.type == DeviceType.CUDA;
}

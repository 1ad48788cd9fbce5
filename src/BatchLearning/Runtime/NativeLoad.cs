namespace BatchLearning.Runtime;

/// <summary>How TorchSharp's native glue library was loaded in this process (<see cref="TorchNativeLibraries"/>).</summary>
/// <param name="Handle">The library's handle when the resolver loaded it; zero when .NET's usual search loads it.</param>
/// <param name="LibStdCxxStepNeeded">True when the system's libstdc++ lacks <see cref="LibStdCxxCompatibility.RequiredVersion"/>.</param>
/// <param name="SystemLibStdCxx">The libstdc++ file this process uses, when known.</param>
/// <param name="PrivateCopy">The glue library loaded from the private folder, or null when .NET's usual search loads it.</param>
public sealed record NativeLoad(IntPtr Handle, bool LibStdCxxStepNeeded, string? SystemLibStdCxx, string? PrivateCopy)
{
    /// <summary>Why the private folder could not be built or loaded, when it could not; TorchSharp then tries its own search.</summary>
    public string? Failure { get; init; }

    /// <summary>The glue library has not been asked for yet in this process.</summary>
    public static NativeLoad NotYet { get; } = new(IntPtr.Zero, false, null, null);

    /// <summary>The resolver stepped aside: .NET loads the glue library from where the application or package put it.</summary>
    internal static NativeLoad Default(bool needed, string? systemLibStdCxx) => new(IntPtr.Zero, needed, systemLibStdCxx, null);
}

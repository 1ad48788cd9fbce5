namespace BatchLearning.Runtime;

/// <summary>What <see cref="LibStdCxxCompatibility"/> found and did in this process.</summary>
/// <param name="Needed">True when the system's libstdc++ lacks <see cref="LibStdCxxCompatibility.RequiredVersion"/>.</param>
/// <param name="SystemLibStdCxx">The libstdc++ file this process uses, when known.</param>
/// <param name="PrivateCopy">The glue library loaded from this user's cache (<see cref="TorchNativeLibraries"/>), or null when .NET's usual search loaded it.</param>
public sealed record CompatibilityResult(bool Needed, string? SystemLibStdCxx, string? PrivateCopy)
{
    /// <summary>Nothing was needed and nothing changed.</summary>
    public static CompatibilityResult NotNeeded { get; } = new(false, null, null);
}

namespace BatchLearning.Runtime;

/// <summary>What <see cref="LibStdCxxCompatibility"/> found and did.</summary>
/// <param name="Needed">True when the system's libstdc++ lacks <see cref="LibStdCxxCompatibility.RequiredVersion"/>.</param>
/// <param name="SystemLibStdCxx">The libstdc++ file this process uses, when known.</param>
/// <param name="PatchedFiles">The copies changed by this call (empty when they were already compatible).</param>
public sealed record CompatibilityResult(bool Needed, string? SystemLibStdCxx, IReadOnlyList<string> PatchedFiles)
{
    /// <summary>Nothing was needed and nothing changed.</summary>
    public static CompatibilityResult NotNeeded { get; } = new(false, null, []);
}

namespace BatchLearning.Data;

/// <summary>Derives independent, reproducible seeds (one per epoch, per split, ...) from the run's one seed.</summary>
internal static class SeedMixer
{
    /// <summary>A well-mixed 64-bit seed from a base seed and a stream number (SplitMix64 finaliser).</summary>
    internal static ulong Mix(long seed, long stream)
    {
        unchecked
        {
            var z = (ulong)seed + 0x9E3779B97F4A7C15UL * ((ulong)stream + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

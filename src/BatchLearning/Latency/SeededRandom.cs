namespace BatchLearning.Latency;

/// <summary>A <see cref="Random"/> from the library's seed type (<c>long</c>, as <see cref="CourseDefaults.Seed"/>).</summary>
internal static class SeededRandom
{
    /// <summary>
    /// A generator for <paramref name="seed"/>. A seed that fits an <c>int</c> gives exactly <c>new Random(seed)</c>, so runs seeded before the
    /// seed became a <c>long</c> repeat; a larger one is folded (its high half XOR its low half), so distinct small seeds stay distinct.
    /// </summary>
    public static Random Create(long seed) =>
        new(seed is >= int.MinValue and <= int.MaxValue ? (int)seed : unchecked((int)(seed ^ (seed >>> 32))));
}

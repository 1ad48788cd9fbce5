namespace BatchLearning.Tests.Timing;

/// <summary>A clock that moves only when a test's work says so: each timed call advances it by the milliseconds the test scripts.</summary>
internal sealed class ScriptedClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(double milliseconds) => _ticks += (long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond);

    /// <summary>An action that advances the clock by the next of <paramref name="milliseconds"/> each call (the last one repeats).</summary>
    public Action Takes(params double[] milliseconds)
    {
        var call = 0;
        return () => Advance(milliseconds[Math.Min(call++, milliseconds.Length - 1)]);
    }
}

namespace BatchLearning.Jobs;

/// <summary>A clock that stands still until told to move: lets a notebook run "every five minutes" over a whole day in seconds.</summary>
/// <param name="start">The simulated time at the start.</param>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>The simulated current time.</summary>
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }

    /// <summary>Sets the clock to <paramref name="time"/>, which must not be earlier than now.</summary>
    public void SetTo(DateTimeOffset time)
    {
        if (time < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"A clock only moves forward; it is already {_now:O}.");
        }

        _now = time;
    }
}

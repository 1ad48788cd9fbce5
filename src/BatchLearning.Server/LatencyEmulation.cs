namespace BatchLearning.Server;

/// <summary>Waits the configured <see cref="LatencyProfile"/>'s delay before a chat completion is answered (none by default); seeded, so runs repeat.</summary>
internal sealed class LatencyEmulation(InferenceServerOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(2026);

    /// <summary>The profile in use, or null for none.</summary>
    public LatencyProfile? Profile { get; } = LatencyProfile.Find(options.LatencyProfile);

    /// <summary>Waits one drawn delay (returns at once without a profile).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Profile is null)
        {
            return Task.CompletedTask;
        }

        TimeSpan delay;
        lock (_gate)
        {
            delay = Profile.Sample(_random);
        }

        return Task.Delay(delay, time, cancellationToken);
    }
}

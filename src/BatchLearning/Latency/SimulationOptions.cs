
namespace BatchLearning.Latency;

/// <summary>One run of <see cref="BatchingSimulator"/>.</summary>
/// <param name="Arrivals">When requests arrive.</param>
/// <param name="Policy">How they are grouped into batches.</param>
/// <param name="Service">How long one batch takes on the single server.</param>
/// <param name="Requests">How many requests to simulate, from 1 to 100,000,000; defaults to 100,000.</param>
/// <param name="WarmUpFraction">The share of the first requests left out of the statistics, from 0 to 0.5; defaults to 0.01.</param>
/// <param name="Seed">The seed of arrivals and random service times; the same seed gives the same result. Defaults to <see cref="CourseDefaults.Seed"/>.</param>
public sealed record SimulationOptions(
    Arrivals Arrivals,
    BatchingPolicy Policy,
    ServiceTime Service,
    int Requests = 100_000,
    double WarmUpFraction = 0.01,
    long Seed = CourseDefaults.Seed);

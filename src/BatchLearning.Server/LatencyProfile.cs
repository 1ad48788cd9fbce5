using System.Globalization;

namespace BatchLearning.Server;

/// <summary>
/// An emulation of the time a remote provider adds to a call (network round trip, queueing at the provider, time to the first token): the server waits a
/// log-normally distributed time before answering, so a local model can stand in for a remote one in latency experiments. It is an emulation with a stated
/// source, not a measurement of any provider; the local model's own time comes on top.
/// </summary>
/// <param name="Name">The name to pass as <see cref="InferenceServerOptions.LatencyProfile"/>.</param>
/// <param name="Median">The median added delay.</param>
/// <param name="Spread">The log-normal sigma (0 for a fixed delay); 0.5 puts the 95th percentile at about 2.3 times the median.</param>
/// <param name="Source">Where the median comes from, and what is assumed.</param>
public sealed record LatencyProfile(string Name, TimeSpan Median, double Spread, string Source)
{
    /// <summary>The name of "no added delay", the default.</summary>
    public const string None = "none";

    /// <summary>The profiles the server knows, by name (case ignored).</summary>
    public static IReadOnlyDictionary<string, LatencyProfile> Known { get; } = new Dictionary<string, LatencyProfile>(StringComparer.OrdinalIgnoreCase)
    {
        ["emulate-gpt-4o-mini"] = new("emulate-gpt-4o-mini", TimeSpan.FromMilliseconds(400), 0.5,
            "median: about 0.4 s to the first token for gpt-4o-mini (apikeyhealth.com, 'The Latency Trade-off: gpt-4o-mini vs. gpt-4o', 2026-03-24); "
            + "a one-word answer ends right after it. The spread (sigma 0.5) is an assumption."),
        ["emulate-claude-haiku-4.5"] = new("emulate-claude-haiku-4.5", TimeSpan.FromMilliseconds(597), 0.5,
            "median: 597 ms to the first token for claude-haiku-4-5 on a medium prompt (kunalganglani.com, 'I Tested 5 LLM APIs for Latency', March 2026, "
            + "3 runs from one machine in Toronto). The spread (sigma 0.5) is an assumption."),
    };

    /// <summary>The profile named <paramref name="name"/>, or null for <see cref="None"/>.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static LatencyProfile? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || string.Equals(name, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Known.TryGetValue(name, out var profile)
            ? profile
            : throw new ArgumentException($"LatencyProfile must be '{None}' or one of {string.Join(", ", Known.Keys.Select(k => $"'{k}'"))}; got '{name}'.", nameof(name));
    }

    /// <summary>One delay drawn from the profile: Median * exp(Spread * z), z standard normal from <paramref name="random"/>.</summary>
    public TimeSpan Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(Median.TotalMilliseconds * Math.Exp(Spread * z));
    }

    /// <summary>"emulate-gpt-4o-mini: median 400 ms, sigma 0.5".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: median {Median.TotalMilliseconds:0} ms, sigma {Spread:0.##}");
}

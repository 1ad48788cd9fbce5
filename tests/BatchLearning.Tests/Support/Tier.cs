namespace BatchLearning.Tests.Support;

/// <summary>
/// The two tiers of the suite (README, "Tests"). Everything runs in the full suite, <c>dotnet test</c>, which CI runs. The developers'
/// fast loop, <c>dotnet test --filter Tier!=Full</c>, leaves out the classes marked <c>[Trait(Tier.Name, Tier.Full)]</c>: those that run
/// notebooks in a kernel or lessons with <c>dotnet run</c>, open a browser, start the course's programs as processes, or hold a core busy.
/// </summary>
internal static class Tier
{
    /// <summary>The trait's name.</summary>
    public const string Name = "Tier";

    /// <summary>The value of a test class that only the full suite runs.</summary>
    public const string Full = "Full";
}

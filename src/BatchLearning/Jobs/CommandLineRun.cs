namespace BatchLearning.Jobs;

/// <summary>What one run of the course's command line did (<see cref="CommandLineProcess"/>).</summary>
/// <param name="ExitCode">0 for success, 1 for a failure while running, 2 for bad usage.</param>
/// <param name="Output">Its output and error lines, in the order they came.</param>
public sealed record CommandLineRun(int ExitCode, IReadOnlyList<string> Output);

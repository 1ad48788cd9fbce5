namespace BatchLearning.Workflow;

/// <summary>One way to run the email workflow: what it costs a day and how long an email waits for its category.</summary>
/// <param name="Path">The path, in words.</param>
/// <param name="CostPerDay">US dollars a day.</param>
/// <param name="TypicalWaitSeconds">The median wait from arrival to category, in seconds; NaN where not measured.</param>
/// <param name="WorstWaitSeconds">The p99 wait (or the published maximum), in seconds.</param>
/// <param name="Basis">Where the cost and the wait come from.</param>
public sealed record WorkflowPath(string Path, double CostPerDay, double TypicalWaitSeconds, double WorstWaitSeconds, string Basis);

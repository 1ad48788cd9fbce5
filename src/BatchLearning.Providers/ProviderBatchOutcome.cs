namespace BatchLearning.Providers;

/// <summary>What one step of a <see cref="ProviderBatchClient"/> did.</summary>
/// <param name="CalledProvider">True when this step called the provider (created, checked or downloaded); false when it was skipped (no submit flag, no key) or had nothing to do.</param>
/// <param name="Message">What was done, or what would have been done and why it was not. Never contains the API key.</param>
/// <param name="State">The saved state after the step: batch ids, statuses, result files.</param>
/// <param name="Report">The results matched to the emails by custom_id, once collected; otherwise null.</param>
public sealed record ProviderBatchOutcome(bool CalledProvider, string Message, ProviderBatchState State, ProviderResultReport? Report = null);

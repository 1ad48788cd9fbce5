using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Providers;

/// <summary>Where a prepared batch goes: to the provider (paid) only with the learner's say-so and key, otherwise to the course's own server.</summary>
public static class ProviderSending
{
    /// <summary>
    /// What is sent where, and why. The verdict: "sent to the provider" or "kept on this machine".
    /// </summary>
    /// <param name="skippedBecause">Why nothing goes to the provider ("submit is false", "OPENAI_API_KEY is not set"); null when it does.</param>
    /// <param name="file">The first request file.</param>
    /// <param name="requests">Requests in all.</param>
    /// <param name="estimatedUsd">The batch's estimated cost.</param>
    /// <param name="folder">Where the batch ids are kept.</param>
    public static Finding Describe(string? skippedBecause, string file, int requests, double estimatedUsd, string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var text = skippedBecause is null
            ? Invariant($"Sending {requests:N0} requests (about ${estimatedUsd:0.00}) to OpenAI's Batch API; ids kept in {folder}.")
            : Invariant($"Would send {Path.GetFileName(file)} ({requests:N0} requests, about ${estimatedUsd:0.00}) to OpenAI's Batch API; skipped because {skippedBecause}: ") +
              "nothing was sent to OpenAI. The round trip below goes to the course's server on 127.0.0.1, so no call leaves this machine.";
        return Finding.Of("where the batch goes", text, ("requests", requests), ("estimatedUsd", estimatedUsd))
            with { Verdict = skippedBecause is null ? "sent to the provider" : "kept on this machine" };
    }
}

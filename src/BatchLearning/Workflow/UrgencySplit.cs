using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>
/// Both paths at once: urgent mail answered in real time, the rest left for the periodic job, measured and priced with the own model
/// and with an LLM (urgent mail one per request in real time, the rest packed several per request).
/// </summary>
/// <param name="UrgentEmails">Urgent emails in the day.</param>
/// <param name="AllEmails">All emails in the day.</param>
/// <param name="UrgentP99Ms">The urgent mail's p99 latency in the real-time replay, in milliseconds.</param>
/// <param name="UrgentRatePerSecond">The replay's rate, requests a second.</param>
/// <param name="OthersP99Seconds">The p99 wait of the other emails in the job, in seconds.</param>
/// <param name="UrgentReplayed">How many urgent emails the real-time replay sent.</param>
/// <param name="MachinePerDay">The own model's machine kept up all day, US dollars.</param>
/// <param name="JobProcessingSecondsPerDay">The job's processing a day on that machine, in seconds.</param>
/// <param name="LlmSplitPerDay">The LLM's day with the split, US dollars.</param>
/// <param name="LlmRealTimePerDay">The LLM's day with every email in real time, one per request, US dollars.</param>
/// <param name="OthersPerRequest">How many of the other emails the LLM's split packs into one request.</param>
public sealed record UrgencySplit(int UrgentEmails, int AllEmails, double UrgentP99Ms, double UrgentRatePerSecond, double OthersP99Seconds, long UrgentReplayed,
    double MachinePerDay, double JobProcessingSecondsPerDay, double LlmSplitPerDay, double LlmRealTimePerDay, int OthersPerRequest)
{
    /// <summary>The split in a sentence. The verdict: "split cheaper" when the LLM's split costs less than every email in real time, "split not cheaper" otherwise.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No emails, or more urgent emails than emails.</exception>
    public Finding Describe()
    {
        Guard.InRange(AllEmails, 1, int.MaxValue, nameof(AllEmails));
        Guard.InRange(UrgentEmails, 0, AllEmails, nameof(UrgentEmails));
        var share = (double)UrgentEmails / AllEmails;
        var fits = JobProcessingSecondsPerDay < 24 * 3600 ? "fit on it" : "do not fit on it";
        var cheaper = LlmSplitPerDay < LlmRealTimePerDay;
        var text = Invariant($"Both paths: urgent mail ({UrgentEmails:N0} emails, {share:P0}) answered in real time, p99 {UrgentP99Ms:0.0} ms over {UrgentReplayed:N0} of them replayed at ") +
            Invariant($"{UrgentRatePerSecond:0.##} a second; the other {AllEmails - UrgentEmails:N0} waited for the job, p99 {OthersP99Seconds:0} s. ") +
            Invariant($"With the own model this costs one machine kept up, ${MachinePerDay:0.00} a day (the job's {JobProcessingSecondsPerDay:0.0} s of work a day {fits}). ") +
            Invariant($"With an LLM the same split costs ${LlmSplitPerDay:0.00} a day (the rest packed {OthersPerRequest} per request at the real-time price: a batch API's window of up to ") +
            "24 hours cannot meet a wait of minutes), " +
            (cheaper ? "less than" : "no less than") + Invariant($" ${LlmRealTimePerDay:0.00} with every email in real time, one per request.");
        return Finding.Of("both paths at once", text, ("urgentEmails", UrgentEmails), ("urgentShare", share), ("urgentP99Ms", UrgentP99Ms),
            ("othersP99Seconds", OthersP99Seconds), ("machinePerDay", MachinePerDay), ("llmSplitPerDay", LlmSplitPerDay), ("llmRealTimePerDay", LlmRealTimePerDay))
            with { Verdict = cheaper ? "split cheaper" : "split not cheaper" };
    }
}

namespace BatchLearning.Costs;

/// <summary>What an email costs when k emails share one request, real time and batch, in US dollars.</summary>
/// <param name="ItemsPerRequest">k, emails per request.</param>
/// <param name="InputTokensPerEmail">Measured input tokens per email (the instruction's share included).</param>
/// <param name="OutputTokensPerEmail">Measured output tokens per email.</param>
/// <param name="RealTimePerThousandEmails">1,000 emails at real-time prices.</param>
/// <param name="BatchPerThousandEmails">1,000 emails at batch prices.</param>
/// <param name="RealTimeSaving">Saving against one email per request in real time, as a fraction (0.5 = 50 % less).</param>
/// <param name="BatchSaving">Saving of the batch price at this k against one email per request in real time, as a fraction.</param>
public sealed record PackingCostPoint(
    int ItemsPerRequest,
    double InputTokensPerEmail,
    double OutputTokensPerEmail,
    double RealTimePerThousandEmails,
    double BatchPerThousandEmails,
    double RealTimeSaving,
    double BatchSaving);

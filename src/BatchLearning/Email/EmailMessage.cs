namespace BatchLearning.Email;

/// <summary>One email as it arrives in the inbox.</summary>
/// <param name="Id">A unique id, for example "e-000042".</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Sender">The sender's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The text.</param>
/// <param name="Category">The true class, known for generated and labelled mail; null for mail to classify.</param>
public sealed record EmailMessage(string Id, DateTimeOffset ReceivedAt, string Sender, string Subject, string Body, EmailCategory? Category = null);

namespace BatchLearning.Jobs;

/// <summary>An inbox line the job could not read, kept with the reason so nothing is silently dropped.</summary>
/// <param name="Offset">The byte position of the line in the inbox.</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Line">The line as it was (cut to 2,000 characters).</param>
public sealed record DeadLetter(long Offset, string Reason, string Line);

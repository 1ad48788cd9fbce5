namespace BatchLearning.Timing;

/// <summary>One of the two ways a <see cref="HeadToHead"/> comparison times, for example "one at a time" or "in batches".</summary>
/// <param name="Name">What the way is, in the words a sentence uses ("one at a time", "batches").</param>
/// <param name="UnitsPerCall">How many units (emails, products) one call of <paramref name="Run"/> handles, at least 1: times are reported per unit.</param>
/// <param name="Run">One call of the way. Both ways should do the same work, so that their times per unit compare.</param>
public sealed record ComparedWay(string Name, int UnitsPerCall, Action Run);

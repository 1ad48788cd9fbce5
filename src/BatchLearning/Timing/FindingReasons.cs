namespace BatchLearning.Timing;

/// <summary>Why a timing came out as it did, one reason per verdict, so a finding explains whichever branch its run took.</summary>
/// <param name="FirstFaster">The reason when the first way won.</param>
/// <param name="SecondFaster">The reason when the second way won.</param>
/// <param name="TooCloseToCall">The reason when the run could not tell them apart.</param>
public sealed record FindingReasons(string FirstFaster, string SecondFaster, string TooCloseToCall)
{
    /// <summary>The reason for <paramref name="verdict"/>.</summary>
    /// <param name="verdict">The comparison's verdict.</param>
    public string For(HeadToHeadVerdict verdict) => verdict switch
    {
        HeadToHeadVerdict.FirstFaster => FirstFaster,
        HeadToHeadVerdict.SecondFaster => SecondFaster,
        _ => TooCloseToCall,
    };
}

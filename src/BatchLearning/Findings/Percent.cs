namespace BatchLearning.Findings;

/// <summary>How a finding words a share it says something stays "within": rounded up, so "within" is never an understatement.</summary>
public static class Percent
{
    /// <summary>
    /// <paramref name="share"/> as a percentage rounded up to <paramref name="decimals"/> decimals ("within 6.1 %" for 6.04 %, "within 4 %" for 3.2 %);
    /// float noise just above a step is not rounded up, and a share of 0 gives 0, never -0.
    /// </summary>
    /// <param name="share">The share, 0.05 for 5 %.</param>
    /// <param name="decimals">Decimals kept, from 0 to 6.</param>
    public static double UpTo(double share, int decimals)
    {
        Guard.InRange(decimals, 0, 6);
        var scale = Math.Pow(10, decimals);
        return Math.Max(0, Math.Ceiling(share * 100 * scale - 1e-9) / scale);
    }
}

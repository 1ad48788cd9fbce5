namespace BatchLearning.Tests.FrontEnds;

/// <summary>
/// A fact that needs headless Chromium: reported as skipped, with the reason, when chromium is not installed and CI is unset,
/// so a machine without it never counts the check as passed. Under CI (CI=true) it always runs, and fails without chromium.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips the fact, naming why, when <see cref="HeadlessChromium.SkipReason"/> says so.</summary>
    public ChromiumFactAttribute() => Skip = HeadlessChromium.SkipReason;
}

/// <summary>The theory form of <see cref="ChromiumFactAttribute"/>: skipped with the reason when chromium is absent outside CI.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory, naming why, when <see cref="HeadlessChromium.SkipReason"/> says so.</summary>
    public ChromiumTheoryAttribute() => Skip = HeadlessChromium.SkipReason;
}

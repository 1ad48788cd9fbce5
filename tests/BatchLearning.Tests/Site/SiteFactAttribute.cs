using BatchLearning.Tests.FrontEnds;

namespace BatchLearning.Tests.Site;

/// <summary>
/// A fact that builds the course website and opens it in headless Chromium: <see cref="ChromiumFactAttribute"/>'s rule extended to the
/// site's other tool, nbconvert. Skipped, with the reason, when chromium or jupyter (nbconvert) is missing and CI is unset; under CI
/// (CI=true) it always runs, and fails without them.
/// </summary>
public sealed class SiteFactAttribute : FactAttribute
{
    /// <summary>Skips the fact, naming why, when chromium or nbconvert is missing outside CI.</summary>
    public SiteFactAttribute() => Skip = HeadlessChromium.SkipReason ?? NbconvertSkipReason;

    /// <summary>Why a site check is skipped for want of nbconvert; null when jupyter is on PATH or CI is set.</summary>
    public static string? NbconvertSkipReason =>
        OnPath("jupyter") || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "jupyter (nbconvert) is not installed (apt-get install -y jupyter-nbconvert); the website check did not run.";

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));
}

namespace BatchLearning.Cli.Site;

/// <summary>A built site.</summary>
/// <param name="Output">The site's folder; its home page is index.html.</param>
/// <param name="Pages">The pages, in the site's order.</param>
/// <param name="Repository">The GitHub repository linked (OWNER/NAME), or null when none was known.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record SiteBuildResult(string Output, IReadOnlyList<SitePage> Pages, string? Repository, TimeSpan Elapsed)
{
    /// <summary>The home page.</summary>
    public string Home => Path.Combine(Output, SitePage.HomeName + ".html");
}

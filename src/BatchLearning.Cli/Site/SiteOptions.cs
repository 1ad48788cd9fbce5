namespace BatchLearning.Cli.Site;

/// <summary>What <c>batchlearning site</c> builds from and where it writes.</summary>
/// <param name="RepositoryRoot">The repository (README.md, notebooks/GLOSSARY.md, lessons/, site/ with the template and the pinned pagefind).</param>
/// <param name="Executed">The folder of executed notebooks a course run wrote (default artifacts/notebooks).</param>
/// <param name="Output">Where the site goes (default artifacts/site); replaced as a whole when it holds a site built before.</param>
/// <param name="Repository">The GitHub repository as OWNER/NAME for the Codespace and file links; null: GITHUB_REPOSITORY, else the git remote, else none.</param>
internal sealed record SiteOptions(string RepositoryRoot, string Executed, string Output, string? Repository = null)
{
    /// <summary>The folder of the site's build files (template, style sheet, package.json pinning pagefind).</summary>
    public string Tools => Path.Combine(RepositoryRoot, "site");
}

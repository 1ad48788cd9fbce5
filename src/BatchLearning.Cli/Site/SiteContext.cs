namespace BatchLearning.Cli.Site;

/// <summary>What every page of one site build shares.</summary>
/// <param name="Map">The course map (README.md).</param>
/// <param name="Pages">Every page, in the site's order.</param>
/// <param name="Glossary">The glossary and its terms.</param>
/// <param name="Links">Rewrites the course's relative links for the site.</param>
/// <param name="Scrubber">Shortens this machine's absolute paths in outputs.</param>
/// <param name="Frame">The parts around each page's content: run statement, Codespace link.</param>
internal sealed record SiteContext(CourseMap Map, IReadOnlyList<SitePage> Pages, Glossary Glossary, CourseLinks Links, PathScrubber Scrubber, SiteFrame Frame);

namespace BatchLearning.Cli.Site;

/// <summary>One page of the website.</summary>
/// <param name="Name">The page's file name without ".html" (a notebook's name, "index" or "glossary").</param>
/// <param name="Title">The page's title (a notebook's first heading).</param>
/// <param name="Kind">What the page shows.</param>
/// <param name="Executed">The executed notebook it is made from; null for the home and glossary pages.</param>
/// <param name="Folder">The repository folder of its source, for its relative links ("notebooks", "notebooks/solutions", "").</param>
/// <param name="Lesson">The lesson's file-based app, relative to the repository (lessons/NAME.cs); null when there is none.</param>
internal sealed record SitePage(string Name, string Title, SitePageKind Kind, string? Executed, string Folder, string? Lesson)
{
    /// <summary>The home page's name.</summary>
    public const string HomeName = "index";

    /// <summary>The glossary page's name.</summary>
    public const string GlossaryName = "glossary";

    /// <summary>The page's address, relative to the site's root.</summary>
    public string Href => Name + ".html";

    /// <summary>The executed notebook's address in the site, for download; null for pages made from no notebook.</summary>
    public string? NotebookDownload => Executed is null ? null : $"downloads/{Name}.ipynb";

    /// <summary>The lesson's address in the site, for download; null when there is no lesson.</summary>
    public string? LessonDownload => Lesson is null ? null : $"downloads/{Path.GetFileName(Lesson)}";
}

namespace BatchLearning.Cli.Site;

/// <summary>What a page of the website shows.</summary>
internal enum SitePageKind
{
    /// <summary>The home page: the course map.</summary>
    Home,

    /// <summary>A course notebook with its outputs.</summary>
    Notebook,

    /// <summary>A notebook's worked solutions with their outputs.</summary>
    Solution,

    /// <summary>The glossary.</summary>
    Glossary,
}

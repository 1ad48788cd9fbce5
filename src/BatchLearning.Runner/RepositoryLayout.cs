namespace BatchLearning.Runner;

/// <summary>Where the course's folders are, found from the repository root (the folder holding BatchLearning.sln).</summary>
/// <param name="Root">The repository root.</param>
public sealed record RepositoryLayout(string Root)
{
    /// <summary>The notebooks folder.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Where the course runner writes its results.</summary>
    public string NotebookArtifacts => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>Finds the root by walking up from <paramref name="start"/>, then from the program's own folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds BatchLearning.sln.</exception>
    public static RepositoryLayout Find(string start)
    {
        foreach (var origin in new[] { start, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(origin); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "BatchLearning.sln")))
                {
                    return new RepositoryLayout(folder.FullName);
                }
            }
        }

        throw new DirectoryNotFoundException($"No BatchLearning.sln above {start} or {AppContext.BaseDirectory}: run from inside the BatchLearning repository.");
    }
}

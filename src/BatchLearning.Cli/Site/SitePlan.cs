using System.Text.Json.Nodes;
using BatchLearning.Runner;

namespace BatchLearning.Cli.Site;

/// <summary>
/// The website's pages in order: the home page (the course map), each notebook of the map followed by its worked solutions, then the glossary.
/// Checks the folder of executed notebooks first, naming what is missing or unreadable and what to do.
/// </summary>
internal static class SitePlan
{
    /// <summary>The command that writes executed notebooks, named in every message about a missing one.</summary>
    public const string RunTheCourse = "dotnet run --project src/BatchLearning.Cli -- run";

    /// <summary>The pages for <paramref name="map"/>, with the executed notebooks in <paramref name="executed"/>.</summary>
    /// <exception cref="SiteBuildException">The folder is missing or empty, a notebook of the map is missing, unreadable or has no outputs.</exception>
    public static IReadOnlyList<SitePage> Create(string repositoryRoot, CourseMap map, string executed)
    {
        CheckFolder(executed);
        var wanted = map.Notebooks.SelectMany(name => HasSolution(repositoryRoot, name) ? new[] { name, name + "-solutions" } : [name]).ToList();
        var missing = wanted.Where(name => !File.Exists(Path.Combine(executed, name + ".ipynb"))).ToList();
        if (missing.Count > 0)
        {
            throw new SiteBuildException($"{executed} lacks the executed notebook(s) {string.Join(", ", missing.Select(n => n + ".ipynb"))} of the course map: " +
                                         $"run the course first ({RunTheCourse} writes every one), or point --from at a folder that has them.");
        }

        var pages = new List<SitePage> { new(SitePage.HomeName, "The course map", SitePageKind.Home, null, "", null) };
        foreach (var name in wanted)
        {
            var solution = name.EndsWith("-solutions", StringComparison.Ordinal) && !map.Notebooks.Contains(name);
            var file = Path.Combine(executed, name + ".ipynb");
            var lesson = solution ? $"lessons/solutions/{name}.cs" : $"lessons/{name}.cs";
            pages.Add(new SitePage(name, Title(file), solution ? SitePageKind.Solution : SitePageKind.Notebook, file,
                solution ? "notebooks/solutions" : "notebooks", File.Exists(Path.Combine(repositoryRoot, lesson)) ? lesson : null));
        }

        pages.Add(new SitePage(SitePage.GlossaryName, "Glossary", SitePageKind.Glossary, null, "notebooks", null));
        return pages;
    }

    private static bool HasSolution(string repositoryRoot, string name) =>
        File.Exists(Path.Combine(repositoryRoot, "notebooks", CourseRunner.SolutionsFolder, name + "-solutions.ipynb"));

    private static void CheckFolder(string executed)
    {
        if (!Directory.Exists(executed))
        {
            throw new SiteBuildException($"There is no folder {executed} of executed notebooks: run the course first ({RunTheCourse}), " +
                                         "or point --from at a folder of executed notebooks.");
        }

        if (Directory.GetFiles(executed, "*.ipynb").Length == 0)
        {
            throw new SiteBuildException($"{executed} holds no executed notebook (.ipynb): run the course first ({RunTheCourse}).");
        }
    }

    // The notebook's first heading; the file is checked on the way (nbformat 4, and run: some code cell has outputs).
    private static string Title(string file)
    {
        NotebookDocument document;
        try
        {
            document = NotebookDocument.Load(file);
        }
        catch (InvalidDataException error)
        {
            throw new SiteBuildException($"{error.Message} Run the course again ({RunTheCourse}) to rewrite it.");
        }

        var cells = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray();
        if (!cells.Any(c => c?["outputs"] is JsonArray { Count: > 0 }))
        {
            throw new SiteBuildException($"{file} has no outputs: it is not an executed notebook. Run the course first ({RunTheCourse}); " +
                                         "it writes executed notebooks to artifacts/notebooks.");
        }

        var heading = document.Cells.Where(c => !c.IsCode).SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? document.Name : heading[2..].Trim();
    }
}

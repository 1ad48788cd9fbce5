namespace BatchLearning.Jobs;

/// <summary>Finds a program of this repository (the worker, the command line) as <c>dotnet build</c> left it, to start it as a child process.</summary>
internal static class CourseProgram
{
    /// <summary>
    /// <paramref name="project"/>.dll: beside the running program (the tests copy it there), else under src/<paramref name="project"/>/bin of the repository
    /// found upward from the current directory (a notebook's kernel starts in the repository or in notebooks/), the newest build.
    /// </summary>
    /// <exception cref="FileNotFoundException">Not built; the message says how to build it.</exception>
    internal static string Find(string project)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, project + ".dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, project + ".runtimeconfig.json")))
        {
            return beside;
        }

        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var bin = Path.Combine(folder.FullName, "src", project, "bin");
            if (Directory.Exists(bin))
            {
                var built = Directory.EnumerateFiles(bin, project + ".dll", SearchOption.AllDirectories)
                    .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                    .MaxBy(File.GetLastWriteTimeUtc);
                return built ?? throw NotBuilt(project, folder.FullName);
            }
        }

        throw NotBuilt(project, Environment.CurrentDirectory);
    }

    /// <summary>The dotnet host: the one running this process when it is dotnet, otherwise "dotnet" from the PATH.</summary>
    internal static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";

    private static FileNotFoundException NotBuilt(string project, string where) =>
        new($"{project} is not built (looked beside this program and under src/{project}/bin from '{where}' up): run `dotnet build` in the repository, then try again.", project + ".dll");
}

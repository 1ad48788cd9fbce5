using System.Text;
using BatchLearning.Runner;
using Microsoft.CodeAnalysis.CSharp;

namespace BatchLearning.Cli.Lessons;

/// <summary>A lesson generated from a notebook.</summary>
/// <param name="Notebook">The notebook's full path.</param>
/// <param name="Path">Where the lesson goes: <c>lessons/NAME.cs</c>, or <c>lessons/solutions/NAME.cs</c> for a worked solution.</param>
/// <param name="Text">The lesson's source.</param>
internal sealed record LessonFile(string Notebook, string Path, string Text);

/// <summary>
/// Exports a course notebook as a lesson: a .NET 10 file-based app (<c>dotnet run lessons/NAME.cs</c>) generated from the notebook, which stays
/// the one source. Markdown cells become comments, code cells top-level statements (see <see cref="LessonCellTranslator"/>), the notebook's
/// <c>#r "nuget: NAME, VERSION"</c> lines <c>#:package NAME@VERSION</c> directives, and the course library's package a <c>#:project</c> directive
/// to its project in this repository.
/// </summary>
internal static class LessonExporter
{
    /// <summary>The folder of the lessons, beside notebooks/.</summary>
    public const string LessonsFolder = "lessons";

    /// <summary>The command that regenerates the lessons, as the lessons' header and the stale-lesson messages give it.</summary>
    public const string RegenerateCommand = "dotnet run --project src/BatchLearning.Cli -- export lessons";

    /// <summary>The start of every generated lesson's first line; only files that start so are ever replaced or removed.</summary>
    public const string GeneratedMark = "// Lesson generated from ";

    /// <summary>Where the lesson of <paramref name="notebook"/> goes: lessons/ mirrors notebooks/ (worked solutions in lessons/solutions/).</summary>
    /// <exception cref="ArgumentException">The notebook is not in notebooks/ or notebooks/solutions/.</exception>
    public static string LessonPath(RepositoryLayout layout, string notebook)
    {
        var relative = Path.GetRelativePath(layout.Notebooks, Path.GetFullPath(notebook));
        var folder = Path.GetDirectoryName(relative) ?? "";
        if (!notebook.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || relative.StartsWith("..", StringComparison.Ordinal) || folder is not ("" or CourseRunner.SolutionsFolder))
        {
            throw new ArgumentException($"'{notebook}' is not a course notebook: lessons are made from notebooks/*.ipynb and notebooks/{CourseRunner.SolutionsFolder}/*.ipynb.", nameof(notebook));
        }

        return Path.Combine(layout.Root, LessonsFolder, folder, Path.GetFileNameWithoutExtension(relative) + ".cs");
    }

    /// <summary>The lesson for <paramref name="notebook"/>.</summary>
    /// <exception cref="LessonExportException">A cell uses something only the notebook kernel has, or declares a name twice.</exception>
    public static LessonFile Export(RepositoryLayout layout, string notebook)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var path = LessonPath(layout, notebook);
        var document = NotebookDocument.Load(notebook);
        var source = Relative(layout.Root, document.Path);
        var parameters = NotebookParameters.Declared(document);
        var translator = new LessonCellTranslator(source);
        var cells = document.Cells.Where(c => c.IsCode && !string.IsNullOrWhiteSpace(c.Source))
            .Select(c => translator.Translate(c, c.Tags.Contains(NotebookParameters.ParametersTag) ? parameters : []))
            .ToDictionary(c => c.Index);
        var title = document.Cells.Where(c => !c.IsCode).Select(c => MarkdownComment.Title(c.Source)).FirstOrDefault(t => t is not null) ?? document.Name;
        var lesson = new StringBuilder();
        AppendHeader(lesson, new LessonHeader(source, Relative(layout.Root, path), document.Name, parameters));
        AppendDirectives(lesson, source, cells.Values, layout.Root, Path.GetDirectoryName(path)!);
        foreach (var directive in KernelUsings(layout.Root).Concat(cells.Values.SelectMany(c => c.Usings)).Distinct())
        {
            lesson.Append(directive).Append('\n');
        }

        lesson.Append('\n').Append(CultureInvariant(
            $"var {LessonCellTranslator.LessonVariable} = LessonConsole.Start({Literal(document.Name)}, {Literal(title)}, args, [{string.Join(", ", parameters.Select(p => Literal(p.Name)))}]);\n"));
        foreach (var cell in document.Cells)
        {
            AppendCell(lesson, cell, cells.GetValueOrDefault(cell.Index));
        }

        lesson.Append('\n').Append($"{LessonCellTranslator.LessonVariable}.Finish();\n");
        AppendTypes(lesson, cells.Values.SelectMany(c => c.Types).ToList());
        return new LessonFile(document.Path, path, lesson.ToString());
    }

    private sealed record LessonHeader(string Notebook, string Lesson, string Name, IReadOnlyList<NotebookParameter> Parameters);

    private static void AppendHeader(StringBuilder lesson, LessonHeader header)
    {
        var example = header.Parameters.FirstOrDefault(p => p.Default != "null") ?? header.Parameters.FirstOrDefault();
        lesson.Append(GeneratedMark).Append(header.Notebook).Append(": do not edit it, edit the notebook (the one source) and regenerate with\n")
            .Append("//   ").Append(RegenerateCommand).Append('\n')
            .Append("// (a test fails while a lesson differs from its notebook).\n")
            .Append("//\n")
            .Append("// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run ").Append(header.Lesson).Append('\n');
        if (example is not null)
        {
            lesson.Append("// Set a value of the parameters cell, as the course runner's --param does:  dotnet run ").Append(header.Lesson)
                .Append(" -- --param ").Append(example.Name).Append('=').Append(example.Default.Trim('"')).Append('\n');
        }

        lesson.Append("// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/").Append(header.Name).Append(".html.\n")
            .Append("// On a GPU machine, replace TorchSharp-cpu by TorchSharp-cuda-linux below (same version). The properties: no nullable context,\n")
            .Append("// as in the notebook kernel; reflection-based JSON, which the library uses (a file-based app turns it off by default); and this\n")
            .Append("// machine's runtime only. The packages run from the NuGet cache, not copied into the build (lessons/Directory.Build.props).\n");
    }

    // #:package for each referenced package, #:project for a package this repository builds (the course library); then the kernel's nullable
    // context (none), reflection-based JSON, which the library uses and a file-based app's default (PublishAot) turns off, and the current
    // runtime identifier (TorchSharp-cpu brings libtorch for Linux, Windows and macOS; without a runtime identifier every lesson's build copies all three).
    private static void AppendDirectives(StringBuilder lesson, string notebook, IEnumerable<LessonCell> cells, string root, string lessonFolder)
    {
        var packages = new List<PackageReference>();
        foreach (var (cell, package) in cells.OrderBy(c => c.Index).SelectMany(c => c.Packages.Select(p => (c.Index, Package: p))))
        {
            var earlier = packages.FirstOrDefault(p => p.Name == package.Name);
            if (earlier is not null && earlier.Version != package.Version)
            {
                throw new LessonExportException(notebook, cell,
                    $"it references {package.Name} {package.Version}, an earlier cell {earlier.Version}; a lesson pins one version of each package.");
            }

            if (earlier is null)
            {
                packages.Add(package);
            }
        }

        foreach (var package in packages)
        {
            var project = Path.Combine(root, "src", package.Name, package.Name + ".csproj");
            lesson.Append(File.Exists(project) ? $"#:project {Relative(lessonFolder, project)}" : $"#:package {package.Name}@{package.Version}").Append('\n');
        }

        lesson.Append("#:property Nullable=disable\n#:property PublishAot=false\n#:property UseCurrentRuntimeIdentifier=true\n\n");
    }

    /// <summary>
    /// The using directives the course's kernel extension (src/BatchLearning/Notebook/extension.dib) runs before a notebook's first cell, without the
    /// kernel's own namespaces: a notebook may use the library's types without using lines of its own, so its lesson needs the same imports.
    /// </summary>
    private static IEnumerable<string> KernelUsings(string root)
    {
        var extension = Path.Combine(root, "src", "BatchLearning", "Notebook", "extension.dib");
        return File.ReadLines(extension).Select(line => line.Trim())
            .Where(line => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';')
                && !line.Contains(LessonCellTranslator.KernelNamespace, StringComparison.Ordinal))
            .Prepend("using BatchLearning.Notebook;");
    }

    private static void AppendCell(StringBuilder lesson, NotebookCell cell, LessonCell? code)
    {
        if (!cell.IsCode)
        {
            lesson.Append('\n').Append(MarkdownComment.From(cell.Source));
            foreach (var section in MarkdownComment.Sections(cell.Source))
            {
                lesson.Append($"{LessonCellTranslator.LessonVariable}.Section({Literal(section)});\n");
            }
        }
        else if (code is not null && code.Code.Length > 0)
        {
            var parameters = cell.Tags.Contains(NotebookParameters.ParametersTag) ? " (parameters: set any with -- --param NAME=VALUE)" : "";
            lesson.Append('\n').Append($"// ---- cell {cell.Index}{parameters} ----\n").Append(code.Code).Append('\n');
        }
    }

    private static void AppendTypes(StringBuilder lesson, IReadOnlyList<string> types)
    {
        if (types.Count == 0)
        {
            return;
        }

        lesson.Append("\n// The types the notebook's cells declare (C# puts them after the top-level statements).\n");
        foreach (var type in types)
        {
            lesson.Append(type).Append('\n');
        }
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Relative(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');
}

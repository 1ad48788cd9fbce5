using BatchLearning.Runner;

namespace BatchLearning.Cli.Lessons;

/// <summary>What exporting changes in lessons/: the lessons to write (new or different) and the generated lessons whose notebook is gone.</summary>
/// <param name="Lessons">Every lesson exported, with its text.</param>
/// <param name="Changed">The lessons whose file is missing or differs from <see cref="LessonFile.Text"/>.</param>
/// <param name="Orphans">Generated lesson files with no notebook left (only looked for when every notebook is exported).</param>
internal sealed record LessonFolder(IReadOnlyList<LessonFile> Lessons, IReadOnlyList<LessonFile> Changed, IReadOnlyList<string> Orphans)
{
    /// <summary>True when lessons/ is as the notebooks make it.</summary>
    public bool IsCurrent => Changed.Count == 0 && Orphans.Count == 0;

    /// <summary>
    /// Exports <paramref name="notebooks"/> (every course notebook, solutions included, when empty) in memory and compares with lessons/.
    /// </summary>
    /// <exception cref="LessonExportException">A notebook cannot become a lesson.</exception>
    public static LessonFolder Compare(RepositoryLayout layout, IReadOnlyList<string> notebooks)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(notebooks);
        var all = notebooks.Count == 0;
        var lessons = (all ? CourseRunner.FindNotebooks(layout.Notebooks) : notebooks.Select(Path.GetFullPath))
            .Select(notebook => LessonExporter.Export(layout, notebook)).ToList();
        var changed = lessons.Where(l => !File.Exists(l.Path) || File.ReadAllText(l.Path) != l.Text).ToList();
        var orphans = all ? GeneratedFiles(layout).Except(lessons.Select(l => l.Path)).ToList() : [];
        return new LessonFolder(lessons, changed, orphans);
    }

    /// <summary>Writes the changed lessons and removes the orphans.</summary>
    public void Apply()
    {
        foreach (var lesson in Changed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(lesson.Path)!);
            File.WriteAllText(lesson.Path, lesson.Text);
        }

        foreach (var orphan in Orphans)
        {
            File.Delete(orphan);
        }
    }

    // Only files the exporter wrote (their first line says so) are ever removed.
    private static IEnumerable<string> GeneratedFiles(RepositoryLayout layout)
    {
        var folder = Path.Combine(layout.Root, LessonExporter.LessonsFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => File.ReadLines(f).FirstOrDefault()?.StartsWith(LessonExporter.GeneratedMark, StringComparison.Ordinal) == true)
            : [];
    }
}

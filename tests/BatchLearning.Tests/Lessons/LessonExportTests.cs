using System.Text.Json.Nodes;
using BatchLearning.Cli.Lessons;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Lessons;

/// <summary>Exporting notebooks as lessons: each cell's translation, the lesson file, and the checked-in lessons kept current.</summary>
public sealed class LessonExportTests
{
    private const string Notebook = "notebooks/01-x.ipynb";

    private static LessonCell Translate(string source, params string[] tags) =>
        new LessonCellTranslator(Notebook).Translate(new NotebookCell(4, true, source, "csharp", tags), []);

    [Fact]
    public void Every_lesson_in_the_repository_is_what_its_notebook_makes_now()
    {
        var folder = LessonFolder.Compare(Repository.Layout, []);

        Assert.True(folder.Lessons.Count >= 16, $"expected every course notebook and worked solution, found {folder.Lessons.Count}");
        var stale = folder.Changed.Select(l => Path.GetRelativePath(Repository.Layout.Root, l.Path)).Concat(folder.Orphans.Select(o => Path.GetRelativePath(Repository.Layout.Root, o)));
        Assert.True(folder.IsCurrent, $"These lessons differ from their notebooks (or have none): {string.Join(", ", stale)}. Regenerate them: {LessonExporter.RegenerateCommand}");
    }

    public static TheoryData<string> CourseNotebooks() => new(CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Select(Path.GetFileName)!);

    // The kernel's own run decides which cells display a value (the approved transcript has a "Result:" line for them): the lesson must show the same cells.
    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void A_cell_shows_its_final_expression_exactly_when_the_kernel_displayed_a_result_for_it(string fileName)
    {
        var path = CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Single(p => Path.GetFileName(p) == fileName);
        var document = NotebookDocument.Load(path);
        var translator = new LessonCellTranslator(fileName);
        var parameters = NotebookParameters.Declared(document);
        var transcript = Transcript(document.Name);

        var codeCells = document.Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(codeCells.Count, transcript.Count);
        foreach (var (cell, outputs) in codeCells.Zip(transcript))
        {
            var lesson = translator.Translate(cell, cell.Tags.Contains(NotebookParameters.ParametersTag) ? parameters : []);
            Assert.True(lesson.ShowsValue == outputs.Any(o => o.Contains("Result:", StringComparison.Ordinal)),
                $"{fileName} cell {cell.Index}: the lesson {(lesson.ShowsValue ? "shows" : "does not show")} a final value; the kernel's run: {string.Join(" | ", outputs)}");
            Assert.True(lesson.Displays <= outputs.Count(o => o.StartsWith("Display:", StringComparison.Ordinal)), $"{fileName} cell {cell.Index}");
            Assert.True((lesson.ShowsValue || lesson.Displays > 0) == lesson.Code.Contains("lesson.Show(", StringComparison.Ordinal),
                $"{fileName} cell {cell.Index}: {lesson.Displays} display(s), {(lesson.ShowsValue ? "a" : "no")} final value, and its code: {lesson.Code}");
        }
    }

    private static List<List<string>> Transcript(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.TestsFolder, "Notebooks", "approved", name + ".approved.txt"));
        var cells = new List<List<string>>();
        foreach (var line in lines)
        {
            if (line.StartsWith("## cell ", StringComparison.Ordinal))
            {
                cells.Add([]);
            }
            else
            {
                cells[^1].Add(line);
            }
        }

        return cells;
    }

    [Fact]
    public void A_final_expression_over_several_lines_is_shown_whole_and_a_statement_with_a_semicolon_is_not_shown()
    {
        var shown = Translate("var a = 2;\n$\"a is {a}\" +\n    \" and more\"");
        var quiet = Translate("var a = 2;\nMath.Max(a, 3);");

        Assert.True(shown.ShowsValue);
        Assert.Equal("var a = 2;\nlesson.Show($\"a is {a}\" +\n    \" and more\");", shown.Code);
        Assert.False(quiet.ShowsValue);
        Assert.Equal("var a = 2;\nMath.Max(a, 3);", quiet.Code);
    }

    [Fact]
    public void Display_calls_become_lesson_show_and_using_lines_and_records_move_out_of_the_cell()
    {
        var cell = Translate("using BatchLearning.Charts;\n// a comment stays\ndisplay(new Point(1, 2));\nrecord Point(int X, int Y);\nvar done = true;");

        Assert.Equal(["using BatchLearning.Charts;"], cell.Usings);
        Assert.Equal(["record Point(int X, int Y);"], cell.Types);
        Assert.Equal("// a comment stays\nlesson.Show(new Point(1, 2));\nvar done = true;", cell.Code);
        Assert.Equal(1, cell.Displays);
        Assert.False(cell.ShowsValue);
    }

    [Fact]
    public void Package_lines_become_references_and_leave_the_cell()
    {
        var cell = Translate("#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: BatchLearning, 0.1.0\"\nusing BatchLearning.Notebook;\nCourse.Setup()");

        Assert.Equal([new PackageReference("TorchSharp-cpu", "0.107.0"), new PackageReference("BatchLearning", "0.1.0")], cell.Packages);
        Assert.Equal("lesson.Show(Course.Setup());", cell.Code);
    }

    [Theory]
    [InlineData("#!time\nvar x = 1;", "line 1: '#!time' is a .NET Interactive magic command")]
    [InlineData("#r \"nuget: Foo\"", "names no version")]
    [InlineData("#r \"/tmp/some.dll\"", "kernel directive")]
    [InlineData("var handle = display(1);", "uses display(...) other than as a statement")]
    [InlineData("display(1).Update(2);", "uses display(...) other than as a statement")]
    [InlineData("Formatter.Register<int>(i => i.ToString());", "'Formatter' belongs to .NET Interactive")]
    [InlineData("using Microsoft.DotNet.Interactive;", "uses .NET Interactive")]
    [InlineData("var lesson = 3;", "'lesson', a name the lesson itself uses")]
    [InlineData("public int Count { get; set; }", "declares a script member")]
    [InlineData("var x = ;", "does not parse as C#")]
    public void What_only_the_kernel_has_is_refused_naming_the_notebook_and_the_cell(string source, string reason)
    {
        var error = Assert.Throws<LessonExportException>(() => Translate(source));

        Assert.StartsWith($"{Notebook}, cell 4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_in_another_language_is_refused()
    {
        var error = Assert.Throws<LessonExportException>(() =>
            new LessonCellTranslator(Notebook).Translate(new NotebookCell(2, true, "let x = 1", "fsharp", []), []));

        Assert.Equal($"{Notebook}, cell 2: it runs in the notebook's 'fsharp' kernel; a lesson is C# only.", error.Message);
    }

    [Fact]
    public void A_name_declared_again_in_the_same_form_becomes_an_assignment_and_in_another_form_is_refused()
    {
        var translator = new LessonCellTranslator(Notebook);
        translator.Translate(new NotebookCell(1, true, "var best = Math.Max(1, 2);\nint count = 1;", "csharp", []), []);

        var again = translator.Translate(new NotebookCell(2, true, "var best = Math.Max(1, 2);\nint count = 5;", "csharp", []), []);
        var other = Assert.Throws<LessonExportException>(() => translator.Translate(new NotebookCell(3, true, "var best = \"text\";", "csharp", []), []));
        var function = Assert.Throws<LessonExportException>(() => translator.Translate(new NotebookCell(5, true, "int count() => 1;", "csharp", []), []));

        Assert.Equal("best = Math.Max(1, 2);\ncount = 5;", again.Code);
        Assert.Contains("cell 3: it declares 'best' again (cell 1 declared it first) in another form", other.Message, StringComparison.Ordinal);
        Assert.Contains("cell 5: it declares 'count' again (cell 1 declared it first)", function.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameters_cell_reads_each_declared_value_through_the_lesson_with_its_declared_type()
    {
        var source = "int seed = 2026;      // the seed\nstring quiz1 = null;\ndouble? guess = null;\nvar rate = 0.5;\nint[] sizes = [1, 2];";
        var document = NotebookWith(source);
        var parameters = NotebookParameters.Declared(document);

        var cell = new LessonCellTranslator(Notebook).Translate(document.Cells[0], parameters);

        Assert.Equal(
            "int seed = lesson.Parameter<int>(\"seed\", 2026);      // the seed\nstring quiz1 = lesson.Parameter<string>(\"quiz1\", null);\n"
            + "double? guess = lesson.Parameter<double?>(\"guess\", null);\nvar rate = lesson.Parameter(\"rate\", 0.5);\nint[] sizes = [1, 2];",
            cell.Code);
    }

    [Fact]
    public void A_lesson_pins_the_notebooks_packages_references_the_library_project_and_hoists_the_kernel_extensions_and_its_own_usings_and_types()
    {
        var root = Repository.NewTemporaryFolder();
        Directory.CreateDirectory(Path.Combine(root, "notebooks", "solutions"));
        Directory.CreateDirectory(Path.Combine(root, "src", "BatchLearning"));
        File.WriteAllText(Path.Combine(root, "src", "BatchLearning", "BatchLearning.csproj"), "<Project />");
        Directory.CreateDirectory(Path.Combine(root, "src", "BatchLearning", "Notebook"));
        File.WriteAllText(Path.Combine(root, "src", "BatchLearning", "Notebook", "extension.dib"),
            "#!csharp\n\nusing BatchLearning.Charts;\nusing static TorchSharp.torch;\nusing Microsoft.DotNet.Interactive;\n\nFormatter.Register<int>(i => i);\n");
        var notebook = Path.Combine(root, "notebooks", "solutions", "09-demo-solutions.ipynb");
        File.WriteAllText(notebook, NotebookJson(
            ("markdown", "# 09 · A demo\n\n## First part", []),
            ("code", "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: BatchLearning, 0.1.0\"\nusing BatchLearning.Notebook;\nCourse.Setup()", []),
            ("code", "int count = 3;", ["parameters"]),
            ("code", "using System.Text;\nrecord Pair(int A, int B);\nnew Pair(count, 2)", [])));

        var lesson = LessonExporter.Export(new RepositoryLayout(root), notebook);

        Assert.Equal(Path.Combine(root, "lessons", "solutions", "09-demo-solutions.cs"), lesson.Path);
        var text = lesson.Text;
        Assert.StartsWith(LessonExporter.GeneratedMark + "notebooks/solutions/09-demo-solutions.ipynb", text, StringComparison.Ordinal);
        Assert.Contains(LessonExporter.RegenerateCommand, text, StringComparison.Ordinal);
        Assert.Contains("dotnet run lessons/solutions/09-demo-solutions.cs -- --param count=3", text, StringComparison.Ordinal);
        Assert.Contains("#:package TorchSharp-cpu@0.107.0\n#:project ../../src/BatchLearning/BatchLearning.csproj\n#:property Nullable=disable\n#:property PublishAot=false\n#:property UseCurrentRuntimeIdentifier=true\n", text, StringComparison.Ordinal);
        // The kernel extension's imports (not the kernel's own namespace), then the cells' own.
        Assert.Contains("using BatchLearning.Notebook;\nusing BatchLearning.Charts;\nusing static TorchSharp.torch;\nusing System.Text;\n\nvar lesson = LessonConsole.Start(\"09-demo-solutions\", \"09 · A demo\", args, [\"count\"]);", text, StringComparison.Ordinal);
        Assert.Contains("// # 09 · A demo\n//\n// ## First part\nlesson.Section(\"First part\");\n", text, StringComparison.Ordinal);
        Assert.Contains("int count = lesson.Parameter<int>(\"count\", 3);", text, StringComparison.Ordinal);
        Assert.EndsWith("lesson.Show(new Pair(count, 2));\n\nlesson.Finish();\n\n// The types the notebook's cells declare (C# puts them after the top-level statements).\nrecord Pair(int A, int B);\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_notebooks_of_the_course_folders_become_lessons()
    {
        var layout = new RepositoryLayout("/course");

        Assert.Equal(Path.Combine("/course", "lessons", "00-setup.cs"), LessonExporter.LessonPath(layout, "/course/notebooks/00-setup.ipynb"));
        var error = Assert.Throws<ArgumentException>(() => LessonExporter.LessonPath(layout, "/course/elsewhere/00-setup.ipynb"));
        Assert.Contains("is not a course notebook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_becomes_comments_wrapped_at_120_characters_with_list_items_continuing_under_their_text()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 40));

        var comment = MarkdownComment.From($"Intro\n\n- {words}\n| a | b |\n");

        var lines = comment.TrimEnd('\n').Split('\n');
        Assert.Equal("// Intro", lines[0]);
        Assert.Equal("//", lines[1]);
        Assert.StartsWith("// - word", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("//   word", lines[3], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= MarkdownComment.Width, l));
        Assert.Equal("// | a | b |", lines[^1]);
        Assert.Equal(words.Split(' ').Length, lines.Sum(l => l.Split(' ').Count(w => w == "word")));
    }

    private static NotebookDocument NotebookWith(string parametersSource)
    {
        var path = Path.Combine(Repository.NewTemporaryFolder(), "01-x.ipynb");
        File.WriteAllText(path, NotebookJson(("code", parametersSource, ["parameters"])));
        return NotebookDocument.Load(path);
    }

    private static string NotebookJson(params (string Type, string Source, string[] Tags)[] cells) =>
        new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)new JsonObject
            {
                ["cell_type"] = c.Type,
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()) },
                ["source"] = c.Source,
            }).ToArray()),
        }.ToJsonString();
}

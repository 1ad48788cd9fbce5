using BatchLearning.Cli.Lessons;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BatchLearning.Tests.Lessons;

/// <summary>
/// The fast tier's check of the lessons (the full suite also runs each one, LessonRunTests): every lesson, as committed, compiles in memory
/// as the file-based app it is (top-level statements, the SDK's implicit usings, no nullable context, the packages its directives name), so a
/// notebook change that breaks its lesson fails in seconds, without a build or a kernel.
/// </summary>
public sealed class LessonCompileTests
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    // The test host has loaded (or can load) everything a lesson references: the runtime, the library, TorchSharp and their dependencies.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(File.Exists)
            .DistinctBy(Path.GetFileName)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    public static TheoryData<string> Lessons() => new(LessonRunTests.AllLessons());

    [Theory]
    [MemberData(nameof(Lessons))]
    public void A_lesson_compiles_as_a_file_based_app_without_errors(string lesson)
    {
        var errors = Compile(File.ReadAllText(Path.Combine(Repository.Layout.Root, lesson)));

        Assert.True(errors.Count == 0, $"{lesson} does not compile:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void The_check_reports_a_lesson_that_names_something_the_library_does_not_have()
    {
        var lesson = File.ReadAllText(LessonExporter.LessonPath(Repository.Layout, CourseRunner.FindNotebooks(Repository.Layout.Notebooks).First()));

        var errors = Compile(lesson + "\nvar broken = Course.NoSuchMember;\n");

        Assert.Contains(errors, e => e.Contains("CS0117", StringComparison.Ordinal) && e.Contains("NoSuchMember", StringComparison.Ordinal));
    }

    private static List<string> Compile(string lesson)
    {
        // The #: directives are for the SDK, not the compiler; they become blank lines so the line numbers stay the lesson's own.
        var source = string.Join("\n", lesson.Split('\n').Select(line => line.StartsWith("#:", StringComparison.Ordinal) ? "" : line));
        var usings = string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n"));
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable);
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Lesson", [CSharpSyntaxTree.ParseText(usings, parse), CSharpSyntaxTree.ParseText(source, parse)], References.Value, options);
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
    }
}

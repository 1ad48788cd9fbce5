using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>
/// What a learner meets in every notebook file, checked without running it: the question it answers, the glossary, what it changes in the workflow,
/// references; and code cells short enough to read at a glance (at most 15 lines, no line over 120 characters).
/// </summary>
public sealed class CourseShapeTests
{
    public static TheoryData<string> AllNotebooks() =>
        new(CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Select(path => Path.GetRelativePath(Repository.Layout.Notebooks, path)));

    public static TheoryData<string> CourseNotebooks() =>
        new(CourseRunner.FindNotebooks(Repository.Layout.Notebooks).Where(p => !p.Contains("solutions", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Repository.Layout.Notebooks, path)));

    private static JsonArray Cells(string relative) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Layout.Notebooks, relative)))!["cells"]!.AsArray();

    private static string Source(JsonNode cell) => cell["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string)l!)) : (string?)cell["source"] ?? "";

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Every_notebook_links_the_glossary_from_its_first_cell(string notebook)
    {
        var first = Source(Cells(notebook)[0]!);
        var target = notebook.Contains("solutions", StringComparison.Ordinal) ? "(../GLOSSARY.md)" : "(GLOSSARY.md)";
        Assert.Contains(target, first, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Layout.Notebooks, "GLOSSARY.md")));
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Every_course_notebook_opens_with_its_question_and_closes_with_what_it_changes_then_references(string notebook)
    {
        var markdown = Cells(notebook).Where(c => (string?)c!["cell_type"] == "markdown").Select(c => Source(c!)).ToList();
        Assert.Contains("**The question:**", markdown[0], StringComparison.Ordinal);
        var headings = markdown.SelectMany(m => m.Split('\n')).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var changes = headings.IndexOf("## What this changes in your workflow");
        var references = headings.IndexOf("## References");
        Assert.True(changes >= 0, $"{notebook} has no '## What this changes in your workflow' section");
        Assert.True(references > changes, $"{notebook}: 'References' must come after 'What this changes in your workflow'");
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Every_course_notebook_has_a_try_it_yourself_section_that_links_its_worked_solutions(string notebook)
    {
        var markdown = Cells(notebook).Where(c => (string?)c!["cell_type"] == "markdown").Select(c => Source(c!)).ToList();
        var section = markdown.FirstOrDefault(m => m.Split('\n').Contains("## Try it yourself"));
        Assert.True(section is not null, $"{notebook} has no '## Try it yourself' section");
        var solutions = $"solutions/{Path.GetFileNameWithoutExtension(notebook)}-solutions.ipynb";
        Assert.Contains($"({solutions})", section, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Layout.Notebooks, solutions)), $"{solutions} does not exist");
    }

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Every_code_cell_is_at_most_15_lines_of_at_most_120_characters(string notebook)
    {
        var problems = Cells(notebook).Select((cell, index) => (cell, index)).Where(c => (string?)c.cell!["cell_type"] == "code")
            .SelectMany(c =>
            {
                var lines = Source(c.cell!).TrimEnd('\n').Split('\n');
                var found = new List<string>();
                if (lines.Length > 15)
                {
                    found.Add($"cell {c.index}: {lines.Length} lines");
                }

                found.AddRange(lines.Where(l => l.Length > 120).Select(l => $"cell {c.index}: {l.Length} characters: {l[..60]}..."));
                return found;
            }).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_glossary_explains_every_term_the_course_promises()
    {
        var glossary = File.ReadAllText(Path.Combine(Repository.Layout.Notebooks, "GLOSSARY.md"));
        string[] terms =
        [
            "Tensor", "Batch", "Mini-batch", "Epoch", "Gradient", "Learning rate", "Notebook kernel", "Backend", "Token", "Throughput", "Latency",
            "p50, p95, p99", "Roofline", "L4", "A100", "H100", "Precision / recall", "Dead letter", "Checkpoint",
        ];
        var defined = Regex.Matches(glossary, @"\*\*([^*]+)\*\*").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(terms, term => Assert.True(defined.Contains(term), $"the glossary does not define **{term}**"));
    }
}

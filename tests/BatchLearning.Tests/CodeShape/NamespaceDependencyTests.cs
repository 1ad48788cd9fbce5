using BatchLearning.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BatchLearning.Tests.CodeShape;

/// <summary>
/// Keeps the library's layers visible (issue 29): the namespaces of src/BatchLearning (Data, Training, Costs, Latency…) form a graph
/// without cycles, so each can be read, tested and changed knowing only the ones below it. A namespace depends on another when one of
/// its files imports it (<c>using BatchLearning.X</c>, also <c>using static</c>) or names one of its types by a qualified name
/// (<c>Gradients.NoiseScaleSample</c>, <c>BatchLearning.X.Y</c>). Documentation references are not dependencies.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private const string Root = "BatchLearning";

    [Fact]
    public void The_library_namespaces_form_a_graph_without_cycles()
    {
        var library = Path.Combine(Repository.Layout.Root, "src", "BatchLearning");
        var sources = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

        var graph = Dependencies(sources);
        var cycle = FindCycle(graph);

        Assert.True(graph.Count >= 10, $"expected the library's namespaces, found {graph.Count}");
        Assert.True(cycle is null, $"The namespaces import each other in a circle: {string.Join(" -> ", cycle ?? [])}. Move the shared type down a layer.");
    }

    [Fact]
    public void The_check_finds_a_cycle_through_a_using_and_a_qualified_name_and_none_in_a_chain()
    {
        string[] cyclic =
        [
            "using BatchLearning.Gradients;\nnamespace BatchLearning.Training;\nclass Loop { }",
            "namespace BatchLearning.Gradients;\nclass Noise { Training.Objective? objective; }",
            "namespace BatchLearning.Data;\nclass Set { }",
        ];
        string[] chain =
        [
            "using BatchLearning.Data;\nusing static BatchLearning.Gradients.Noise;\nnamespace BatchLearning.Training;\nclass Loop { }",
            "using BatchLearning.Data;\nnamespace BatchLearning.Gradients\n{\n    /// <see cref=\"Training.Loop\"/>\n    class Noise { }\n}",
            "namespace BatchLearning.Data;\nclass Set { }",
        ];

        var cycle = FindCycle(Dependencies(cyclic));
        var none = FindCycle(Dependencies(chain));

        Assert.Equal(["Gradients", "Training", "Gradients"], cycle);
        Assert.Null(none);
        Assert.Equal(["Data", "Gradients"], Dependencies(chain)["Training"].Order());
    }

    /// <summary>For each namespace under BatchLearning (by its first segment, "" for the root), the namespaces it depends on.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(IEnumerable<string> sources)
    {
        var parsed = sources.Select(source => CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot()).ToList();
        var names = parsed.SelectMany(Namespaces).Select(Segment).ToHashSet();
        var graph = names.ToDictionary(name => name, _ => new HashSet<string>());
        foreach (var unit in parsed)
        {
            foreach (var owner in unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
            {
                var from = Segment(owner.Name.ToString());
                var usings = unit.Usings.Concat(owner.Usings).Select(u => u.Name?.ToString() ?? "");
                var qualified = owner.DescendantNodes().OfType<QualifiedNameSyntax>()
                    .Where(q => q.Parent is not QualifiedNameSyntax && q.Parent is not BaseNamespaceDeclarationSyntax && q.Parent is not UsingDirectiveSyntax)
                    .Select(q => q.ToString());
                foreach (var target in usings.Concat(qualified).Select(name => Target(name, names)).OfType<string>().Where(t => t != from))
                {
                    graph[from].Add(target);
                }
            }
        }

        return graph;
    }

    private static IEnumerable<string> Namespaces(CompilationUnitSyntax unit) =>
        unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString());

    /// <summary>"BatchLearning.Training.Hooks" -> "Training"; "BatchLearning" -> "".</summary>
    private static string Segment(string name) =>
        name == Root ? "" : name.StartsWith(Root + ".", StringComparison.Ordinal) ? name[(Root.Length + 1)..].Split('.')[0] : name;

    /// <summary>The library namespace a using or a qualified name refers to, or null when it is outside the library.</summary>
    private static string? Target(string name, HashSet<string> libraryNamespaces)
    {
        var first = name.StartsWith(Root + ".", StringComparison.Ordinal) ? Segment(name) : name.Split('.')[0];
        return libraryNamespaces.Contains(first) && first != "" ? first : null;
    }

    /// <summary>One cycle of the graph as a path that starts and ends at the same namespace, or null when there is none.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, graph, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Visit(string node, Dictionary<string, HashSet<string>> graph, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(node) == 2)
        {
            return null;
        }

        if (state.GetValueOrDefault(node) == 1)
        {
            return [.. path[path.IndexOf(node)..], node];
        }

        state[node] = 1;
        path.Add(node);
        foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
        {
            if (Visit(next, graph, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[node] = 2;
        return null;
    }
}

using BatchLearning.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BatchLearning.Tests.CodeShape;

/// <summary>
/// Keeps the code readable in one sitting (issues 19 and 29): no method, constructor, local function or accessor of any project under src
/// (the library, the CLI, the runner, the worker, the providers, the server) longer than 40 lines (signature to closing brace, doc comments
/// not counted) or taking more than 6 parameters. Records' positional parameters are data, not counted.
/// </summary>
public sealed class MethodSizeTests
{
    private const int MaxLines = 40;
    private const int MaxParameters = 6;

    [Fact]
    public void Every_method_under_src_is_at_most_40_lines_long_and_takes_at_most_6_parameters()
    {
        var library = Path.Combine(Repository.Layout.Root, "src");
        var offenders = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => Offenders(Path.GetRelativePath(library, file), File.ReadAllText(file)))
            .ToList();

        Assert.True(offenders.Count == 0, "Split these methods (at most 40 lines, 6 parameters):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_size_check_counts_lines_from_signature_to_closing_brace_and_every_parameter()
    {
        var body = string.Concat(Enumerable.Repeat("        x++;\n", 39));
        var source = $"class C\n{{\n    void Long(int x)\n    {{\n{body}    }}\n\n    void Short(int a, int b, int c, int d, int e, int f) {{ }}\n\n    void Wide(int a, int b, int c, int d, int e, int f, int g) {{ }}\n}}\n";

        var offenders = Offenders("C.cs", source);

        Assert.Equal(["C.cs: C.Long, 42 lines, 1 parameters", "C.cs: C.Wide, 1 lines, 7 parameters"], offenders);
    }

    internal static IEnumerable<string> Offenders(string file, string source)
    {
        foreach (var node in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes())
        {
            (string Name, ParameterListSyntax? Parameters)? member = node switch
            {
                MethodDeclarationSyntax method => (method.Identifier.Text, method.ParameterList),
                ConstructorDeclarationSyntax constructor => (constructor.Identifier.Text + " constructor", constructor.ParameterList),
                LocalFunctionStatementSyntax local => (local.Identifier.Text + " (local function)", local.ParameterList),
                OperatorDeclarationSyntax op => ("operator " + op.OperatorToken.Text, op.ParameterList),
                AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null => (accessor.Keyword.Text + " accessor", null),
                _ => null,
            };
            if (member is not { } found)
            {
                continue;
            }

            var span = node.GetLocation().GetLineSpan();
            var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            var parameters = found.Parameters?.Parameters.Count ?? 0;
            if (lines > MaxLines || parameters > MaxParameters)
            {
                var owner = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;
                yield return $"{file}: {owner}.{found.Name}, {lines} lines, {parameters} parameters";
            }
        }
    }
}

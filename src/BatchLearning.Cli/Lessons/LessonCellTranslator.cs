using BatchLearning.Runner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace BatchLearning.Cli.Lessons;

/// <summary>
/// Turns one C# code cell into lesson code. The cell is parsed as the kernel parses it, as a C# script (Roslyn): a script's last statement
/// may be an expression without a semicolon, and that expression is the value the notebook displays; the lesson passes it to
/// <c>lesson.Show(...)</c>, as it does the cell's <c>display(...)</c> calls. Using directives go to the top of the lesson, type declarations
/// to its end; in the parameters cell each declared value is read through <c>lesson.Parameter(...)</c>, so <c>--param</c> can set it.
/// What only the kernel has is refused with the notebook, the cell and the reason.
/// </summary>
/// <param name="notebook">The notebook's path relative to the repository, for messages.</param>
internal sealed class LessonCellTranslator(string notebook)
{
    /// <summary>The variable that holds the lesson's console in the generated code.</summary>
    public const string LessonVariable = "lesson";

    /// <summary>The notebook kernel's own namespace (and its children), which a lesson cannot use.</summary>
    public const string KernelNamespace = "Microsoft.DotNet.Interactive";

    private static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    // Names that belong to .NET Interactive: a lesson has no kernel to give them a meaning.
    private static readonly HashSet<string> KernelNames = ["Formatter", "Kernel", "KernelInvocationContext", "HTML", "Javascript", "CSS", "PocketView", "PocketViewTags"];

    /// <summary>Translates <paramref name="cell"/>; <paramref name="parameters"/> are the values to read through the lesson when it is the parameters cell.</summary>
    /// <exception cref="LessonExportException">The cell uses something only the kernel has, or is not C# a program can hold.</exception>
    public LessonCell Translate(NotebookCell cell, IReadOnlyList<NotebookParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.KernelName is not ("csharp" or "C#" or "c#"))
        {
            throw Refuse(cell.Index, $"it runs in the notebook's '{cell.KernelName}' kernel; a lesson is C# only.");
        }

        var (code, packages) = CellDirectives.Strip(cell.Source.ReplaceLineEndings("\n"), (line, reason) => Refuse(cell.Index, $"line {line}: {reason}"));
        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        var root = tree.GetCompilationUnitRoot();
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw Refuse(cell.Index, $"line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: it does not parse as C# ({error.Id}: {error.GetMessage()}).");
        }

        var edits = new List<TextChange>();
        var usings = Usings(cell.Index, root, edits);

        var types = new List<string>();
        foreach (var member in root.Members)
        {
            CheckMember(cell.Index, member);
            edits.AddRange(Declare(cell.Index, member));
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                types.Add(member.ToFullString().Trim());
                edits.Add(new TextChange(member.FullSpan, ""));
            }
        }

        var shows = DisplayEdits(cell.Index, root);
        edits.AddRange(shows);
        edits.AddRange(ParameterEdits(cell.Index, root, parameters));
        var changed = SourceText.From(code).WithChanges(edits.OrderBy(e => e.Span.Start)).ToString();
        var showsValue = FinalExpression(root) is not null;
        return new LessonCell(cell.Index, Tidy(changed), usings, types, packages, showsValue, shows.Count(e => e.NewText == $"{LessonVariable}.Show"));
    }

    // The cell's using directives, for the top of the lesson: taken out of the cell, the comments above them kept.
    private List<string> Usings(int cell, CompilationUnitSyntax root, List<TextChange> edits)
    {
        var usings = new List<string>();
        foreach (var directive in root.Usings)
        {
            RefuseKernelNamespace(cell, directive);
            usings.Add(directive.WithoutTrivia().ToFullString());
            edits.Add(new TextChange(TextSpan.FromBounds(directive.SpanStart, directive.FullSpan.End), ""));
        }

        return usings;
    }

    // A member of the script: a statement, a local function, a const, or a type; anything else (a property, a field with modifiers) has no top-level form.
    private void CheckMember(int cell, MemberDeclarationSyntax member)
    {
        RefuseKernelNames(cell, member);
        var fits = member switch
        {
            GlobalStatementSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => true,
            FieldDeclarationSyntax field => field.Modifiers.All(m => m.IsKind(SyntaxKind.ConstKeyword)),
            MethodDeclarationSyntax method => method.Modifiers.All(m => m.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.AsyncKeyword or SyntaxKind.UnsafeKeyword),
            _ => false,
        };
        if (!fits)
        {
            throw Refuse(cell, $"line {Line(member)}: '{FirstLine(member)}' declares a script member that a C# program's top-level statements cannot hold "
                               + "(a property, an event, or a field or method with access modifiers); declare a local variable, a local function or a record instead.");
        }
    }

    // The names a member adds to the program's one scope of top-level statements. A notebook cell may declare a name an earlier cell declared,
    // a program may not: a declaration again of the same type (the same type written, or var with the same initializer) becomes an assignment;
    // anything else is refused.
    private IEnumerable<TextChange> Declare(int cell, MemberDeclarationSyntax member)
    {
        var (declaration, constant) = member switch
        {
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => (local.Declaration, !local.Modifiers.Any() && local.UsingKeyword.IsKind(SyntaxKind.None) ? null : local.ToString()),
            FieldDeclarationSyntax field => (field.Declaration, field.Modifiers.Any() ? field.ToString() : null),
            _ => (null, null),
        };
        foreach (var name in OtherNames(member, declaration))
        {
            Add(cell, name, null);
        }

        foreach (var variable in declaration?.Variables ?? [])
        {
            var name = variable.Identifier.ValueText;
            var shape = new Declared(cell, declaration!.Type.ToString(), variable.Initializer?.Value.ToString());
            if (!_declared.TryGetValue(name, out var first))
            {
                Add(cell, name, constant is null ? shape : null);
                continue;
            }

            if (first is null || constant is not null || declaration.Variables.Count != 1 || variable.Initializer is null
                || first.Type != shape.Type || (declaration.Type.IsVar && first.Initializer != shape.Initializer))
            {
                throw Refuse(cell, $"it declares '{name}' again (cell {FirstCell(name)} declared it first) in another form. The kernel lets a later cell declare "
                                   + "a name again, a C# program does not: rename one of them in the notebook (a declaration of the same type, written the same way, "
                                   + "is exported as an assignment).");
            }

            yield return new TextChange(TextSpan.FromBounds(declaration.Type.SpanStart, variable.Identifier.SpanStart), "");
        }
    }

    // The names a member declares besides its variables: a local function, a method, the out variables and patterns of an expression.
    private static IEnumerable<string> OtherNames(MemberDeclarationSyntax member, VariableDeclarationSyntax? declaration) => member switch
    {
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [function.Identifier.ValueText],
        GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression } => Designations([expression]),
        MethodDeclarationSyntax method => [method.Identifier.ValueText],
        _ when declaration is not null => Designations(declaration.Variables.Select(v => v.Initializer).OfType<SyntaxNode>()),
        _ => [],
    };

    private sealed record Declared(int Cell, string Type, string? Initializer);

    private readonly Dictionary<string, Declared?> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _firstCell = new(StringComparer.Ordinal);

    private void Add(int cell, string name, Declared? shape)
    {
        if (name is LessonVariable or "args")
        {
            throw Refuse(cell, $"it declares '{name}', a name the lesson itself uses ({(name == "args" ? "the program's arguments" : "the lesson's console")}); rename it in the notebook.");
        }

        if (!_firstCell.TryAdd(name, cell))
        {
            throw Refuse(cell, $"it declares '{name}' again (cell {_firstCell[name]} declared it first). The kernel lets a later cell declare a name again, "
                               + "a C# program does not: rename one of them in the notebook.");
        }

        _declared[name] = shape;
    }

    private int FirstCell(string name) => _firstCell[name];

    private static IEnumerable<string> Designations(IEnumerable<SyntaxNode> nodes) =>
        nodes.SelectMany(n => n.DescendantNodesAndSelf(d => d is not AnonymousFunctionExpressionSyntax and not QueryExpressionSyntax))
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText);

    // display(x) as a statement becomes lesson.Show(x); the cell's final expression (the value the notebook shows) becomes lesson.Show(expression);
    private List<TextChange> DisplayEdits(int cell, CompilationUnitSyntax root)
    {
        var edits = new List<TextChange>();
        var final = FinalExpression(root);
        foreach (var name in root.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == "display"))
        {
            if (name.Parent is not InvocationExpressionSyntax { Parent: ExpressionStatementSyntax, ArgumentList.Arguments.Count: 1 } call || call.Expression != name)
            {
                throw Refuse(cell, $"line {Line(name)}: '{FirstLine(name.Parent ?? name)}' uses display(...) other than as a statement display(value); "
                                   + "the handle it returns (to update the output) and its MIME-type form exist only in the notebook kernel. "
                                   + "Show a changing value with BatchLearning.Notebook.LiveDisplay instead.");
            }

            edits.Add(new TextChange(name.Span, $"{LessonVariable}.Show"));
        }

        if (final is not null)
        {
            var displayed = final.Expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "display" } };
            if (!displayed)
            {
                edits.Add(new TextChange(new TextSpan(final.Expression.SpanStart, 0), $"{LessonVariable}.Show("));
            }

            edits.Add(new TextChange(new TextSpan(final.Expression.Span.End, 0), displayed ? ";" : ");"));
        }

        return edits;
    }

    // A script's last statement may be an expression without its semicolon: the value the kernel displays under the cell.
    private static ExpressionStatementSyntax? FinalExpression(CompilationUnitSyntax root) =>
        root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last } ? last : null;

    // In the parameters cell: T name = VALUE; becomes T name = lesson.Parameter<T>("name", VALUE); (the runner's --param names and types).
    private IEnumerable<TextChange> ParameterEdits(int cell, CompilationUnitSyntax root, IReadOnlyList<NotebookParameter> parameters)
    {
        var declarations = root.DescendantNodes().OfType<VariableDeclarationSyntax>()
            .Where(d => d.Parent is LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax } or FieldDeclarationSyntax)
            .SelectMany(d => d.Variables.Select(v => (Declaration: d, Variable: v)))
            .ToDictionary(p => p.Variable.Identifier.ValueText);
        foreach (var parameter in parameters)
        {
            if (!declarations.TryGetValue(parameter.Name, out var found) || found.Variable.Initializer is not { } initializer)
            {
                throw Refuse(cell, $"the parameters cell declares '{parameter.Name}' in a form the lesson cannot read (one variable per declaration, with a value).");
            }

            var type = found.Declaration.Type.IsVar ? "" : $"<{found.Declaration.Type}>";
            yield return new TextChange(initializer.Value.Span, $"{LessonVariable}.Parameter{type}(\"{parameter.Name}\", {initializer.Value})");
        }
    }

    private void RefuseKernelNamespace(int cell, UsingDirectiveSyntax directive)
    {
        if (directive.NamespaceOrType.ToString().StartsWith(KernelNamespace, StringComparison.Ordinal))
        {
            throw Refuse(cell, $"'{directive}' uses .NET Interactive, the notebook kernel; a lesson runs without it.");
        }
    }

    private void RefuseKernelNames(int cell, SyntaxNode node)
    {
        var used = node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .FirstOrDefault(n => KernelNames.Contains(n.Identifier.ValueText) && !(n.Parent is MemberAccessExpressionSyntax access && access.Name == n));
        if (used is not null)
        {
            throw Refuse(cell, $"line {Line(used)}: '{used.Identifier.ValueText}' belongs to .NET Interactive (the notebook kernel: formatters, kernels, HTML helpers); "
                               + "a lesson runs without it. Leave presentation to the library (charts, DataFrames), which both show.");
        }
    }

    // Blank lines left where directives and usings were: none at the start or end, at most one in a row.
    private static string Tidy(string code)
    {
        var lines = code.Split('\n').Select(l => l.TrimEnd()).ToList();
        var kept = lines.Where((line, i) => line.Length > 0 || (i > 0 && lines[i - 1].Length > 0)).ToList();
        return string.Join('\n', kept).Trim('\n');
    }

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string FirstLine(SyntaxNode node) => node.ToString().Split('\n')[0].Trim();

    private LessonExportException Refuse(int cell, string reason) => new(notebook, cell, reason);
}

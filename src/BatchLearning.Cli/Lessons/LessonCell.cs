namespace BatchLearning.Cli.Lessons;

/// <summary>A notebook code cell as lesson code.</summary>
/// <param name="Index">The cell's position in the notebook, from 0.</param>
/// <param name="Code">The statements, in the cell's own layout: its using directives and type declarations taken out, its displayed values passed to the lesson's console.</param>
/// <param name="Usings">Its using directives, for the top of the lesson.</param>
/// <param name="Types">Its type declarations (records, classes), which C# places after the top-level statements.</param>
/// <param name="Packages">The packages its <c>#r "nuget: ..."</c> lines reference.</param>
/// <param name="ShowsValue">True when the cell ends with an expression (no semicolon), the value a notebook displays under the cell.</param>
/// <param name="Displays">How many <c>display(...)</c> calls it makes.</param>
internal sealed record LessonCell(
    int Index,
    string Code,
    IReadOnlyList<string> Usings,
    IReadOnlyList<string> Types,
    IReadOnlyList<PackageReference> Packages,
    bool ShowsValue,
    int Displays);

using System.Text.Json.Nodes;
using BatchLearning.Findings;
using BatchLearning.Runner;

namespace BatchLearning.Tests.Notebooks;

/// <summary>A <see cref="Finding"/> as a notebook run showed it: its topic, verdict and numbers (its <see cref="Finding.MimeType"/> form) and its sentence.</summary>
internal sealed record ShownStatement(string Topic, string? Verdict, IReadOnlyDictionary<string, double?> Numbers, string Sentence)
{
    /// <summary>Every finding the run's cells showed, in cell order.</summary>
    public static IReadOnlyList<ShownStatement> AllIn(NotebookRun run) =>
        run.Document.Cells.Where(c => run.Executions.ContainsKey(c.Index)).SelectMany(c => run.Executions[c.Index].Outputs)
            .Where(o => o.Data.ContainsKey(Finding.MimeType))
            .Select(o => Parse(JsonNode.Parse(o.Data[Finding.MimeType])!.AsObject(), o.Text))
            .ToList();

    /// <summary>The one finding of <paramref name="topic"/> the run showed.</summary>
    public static ShownStatement Single(NotebookRun run, string topic) => Assert.Single(AllIn(run), s => s.Topic == topic);

    /// <summary>A finding from its JSON form (<see cref="Finding.ToJson"/>) and the sentence shown with it.</summary>
    public static ShownStatement FromJson(string json, string sentence) => Parse(JsonNode.Parse(json)!.AsObject(), sentence);

    /// <summary>The number named <paramref name="name"/>, which must be there and finite.</summary>
    public double this[string name] =>
        Numbers.TryGetValue(name, out var value) && value is { } number ? number : throw new Xunit.Sdk.XunitException($"The finding \"{Topic}\" has no finite number \"{name}\": {Sentence}");

    private static ShownStatement Parse(JsonObject json, string sentence) => new(
        (string)json["topic"]!, (string?)json["verdict"],
        json["numbers"]!.AsObject().ToDictionary(n => n.Key, n => (double?)n.Value),
        sentence);
}

namespace BatchLearning.Cli.Site;

/// <summary>A phrase the glossary explains (for example "epoch" or "p99") and the anchor of its entry on the glossary page.</summary>
/// <param name="Phrase">The phrase as the glossary writes it in bold.</param>
/// <param name="Anchor">The id of its entry, for example "term-epoch".</param>
internal sealed record GlossaryTerm(string Phrase, string Anchor);

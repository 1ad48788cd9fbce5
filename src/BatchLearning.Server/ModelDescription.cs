namespace BatchLearning.Server;

/// <summary>How the served classifier was obtained ("loaded from DIR" or "trained on ... synthetic emails"), logged at start-up and shown by /health.</summary>
/// <param name="Text">The description.</param>
internal sealed record ModelDescription(string Text);

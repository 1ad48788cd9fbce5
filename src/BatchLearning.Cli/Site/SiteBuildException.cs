namespace BatchLearning.Cli.Site;

/// <summary>The site cannot be built from what was given; the message names what is wrong and what to do.</summary>
internal sealed class SiteBuildException(string message) : Exception(message);

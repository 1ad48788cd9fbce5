using System.Globalization;

namespace BatchLearning.Serving;

/// <summary>How <see cref="InferenceServerProcess"/> starts the course's OpenAI-compatible inference server (src/BatchLearning.Server).</summary>
/// <param name="Model">A classifier folder saved with <see cref="Email.EmailClassifier.Save"/>; null (the default) makes the server train one on synthetic mail at start-up (about half a minute on 2 cores).</param>
public sealed record InferenceServerSettings(string? Model = null)
{
    /// <summary>The port on 127.0.0.1, from 0 to 65,535; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// More of the server's settings as command-line pairs, for example ["--RequestsPerMinute", "500", "--LatencyProfile", "emulate-gpt-4o-mini"]
    /// (README, "The inference server", lists them); none by default.
    /// </summary>
    public IReadOnlyList<string> MoreArguments { get; init; } = [];

    /// <summary>The server's BatchLearning.Server.dll; null (the default) to find the one built in this repository (<c>dotnet build</c> builds it).</summary>
    public string? ServerPath { get; init; }

    /// <summary>The server's command line: the model, 127.0.0.1 and the port, this process as its owner (it stops when this one ends), then <see cref="MoreArguments"/>.</summary>
    internal IReadOnlyList<string> Arguments()
    {
        if (Port is < 0 or > 65_535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, string.Create(CultureInfo.InvariantCulture, $"Port must be from 0 (a free port) to 65,535; got {Port}."));
        }

        List<string> arguments = ["--Host", "127.0.0.1", "--Port", Port.ToString(CultureInfo.InvariantCulture), "--ParentProcessId", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)];
        if (!string.IsNullOrWhiteSpace(Model))
        {
            arguments.AddRange(["--Model", Path.GetFullPath(Model)]);
        }

        arguments.AddRange(MoreArguments);
        return arguments;
    }
}

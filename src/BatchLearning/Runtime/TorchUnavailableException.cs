namespace BatchLearning.Runtime;

/// <summary>TorchSharp's native backend could not be loaded. The message names the likely cause and the fix.</summary>
public sealed class TorchUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with a message and the original failure.</summary>
    public TorchUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }

    internal static TorchUnavailableException From(Exception error, CompatibilityResult compatibility)
    {
        var root = error;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        var firstLine = root.Message.Split('\n', 2)[0].Trim();
        var hints = new List<string>();
        if (firstLine.Contains("doesn't contain a reference to libtorch", StringComparison.Ordinal))
        {
            hints.Add("No native backend is referenced, or it could not be opened. Reference exactly one of TorchSharp-cpu 0.107.0 " +
                      "(the default) or TorchSharp-cuda-linux 0.107.0 (GPU: build with -p:TorchBackend=cuda; in a notebook change the " +
                      "first cell's package line).");
        }

        if (compatibility.Needed)
        {
            hints.Add($"This system's libstdc++ ({compatibility.SystemLibStdCxx}) lacks {LibStdCxxCompatibility.RequiredVersion}; " +
                      (compatibility.PrivateCopy is { } copy
                          ? $"the compatible private copy {copy} was loaded. "
                          : $"no private copy of {LibStdCxxCompatibility.NativeLibraryFileName} was loaded: something touched TorchSharp " +
                            "before the BatchLearning library was loaded, or another resolver is registered on TorchSharp. ") +
                      $"Check that {PrivateNativeFolder.Root()} is writable, or install GCC 13's libstdc++ (Debian 13, Ubuntu 24.04).");
        }

        hints.Add("Run with the environment variable LD_DEBUG=libs to see which shared library fails to load, and see README.md, Troubleshooting.");
        var message = $"TorchSharp's native library could not be loaded: {firstLine}{Environment.NewLine}- " +
                      string.Join(Environment.NewLine + "- ", hints);
        return new TorchUnavailableException(message, error);
    }
}

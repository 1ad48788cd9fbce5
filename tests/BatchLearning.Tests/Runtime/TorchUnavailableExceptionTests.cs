using BatchLearning.Runtime;

namespace BatchLearning.Tests.Runtime;

public sealed class TorchUnavailableExceptionTests
{
    private static TypeInitializationException MissingBackend() => new(
        "TorchSharp.torch",
        new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.0.\n\nConsider referencing ...\n\nTrace from LoadNativeBackend: ..."));

    [Fact]
    public void A_missing_backend_is_explained_in_one_line_with_the_packages_to_reference()
    {
        var error = TorchUnavailableException.From(MissingBackend(), CompatibilityResult.NotNeeded);

        Assert.StartsWith("TorchSharp's native library could not be loaded: This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64", error.Message);
        Assert.Contains("TorchSharp-cpu 0.107.0", error.Message);
        Assert.Contains("-p:TorchBackend=cuda", error.Message);
        Assert.DoesNotContain("Trace from LoadNativeBackend", error.Message);
        Assert.DoesNotContain("libstdc++", error.Message);
        Assert.IsType<TypeInitializationException>(error.InnerException);
    }

    [Fact]
    public void When_the_libstdcxx_step_ran_the_message_says_what_it_changed_and_what_else_to_try()
    {
        var compatibility = new CompatibilityResult(true, "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", []);

        var error = TorchUnavailableException.From(MissingBackend(), compatibility);

        Assert.Contains("libstdc++.so.6.0.30", error.Message);
        Assert.Contains("lacks GLIBCXX_3.4.32", error.Message);
        Assert.Contains("changed 0 file(s)", error.Message);
        Assert.Contains("LD_DEBUG=libs", error.Message);
    }
}

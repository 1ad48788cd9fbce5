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
    public void When_the_libstdcxx_step_was_needed_the_message_says_whether_the_private_copy_loaded_and_what_else_to_try()
    {
        var withoutCopy = new CompatibilityResult(true, "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", null);
        var withCopy = withoutCopy with { PrivateCopy = "/home/learner/.cache/batchlearning/native/0123/libLibTorchSharp.so" };

        var missing = TorchUnavailableException.From(MissingBackend(), withoutCopy);
        var loaded = TorchUnavailableException.From(MissingBackend(), withCopy);

        Assert.Contains("libstdc++.so.6.0.30", missing.Message);
        Assert.Contains("lacks GLIBCXX_3.4.32", missing.Message);
        Assert.Contains("no private copy of libLibTorchSharp.so was loaded", missing.Message);
        Assert.Contains("LD_DEBUG=libs", missing.Message);
        Assert.Contains("the compatible private copy /home/learner/.cache/batchlearning/native/0123/libLibTorchSharp.so was loaded", loaded.Message);
    }
}

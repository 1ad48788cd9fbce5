using BatchLearning.Notebook;

namespace BatchLearning.Tests.Notebook;

/// <summary>The setup cell's report reads as plain sentences: ready, where the arithmetic runs, versions, and the compatibility note only when it applied.</summary>
public sealed class CourseSetupTests
{
    private static CourseSetup Setup(string device = "cpu", string step = "not needed", int threads = 2) =>
        new(device, device == "cuda" ? "CUDA (1 device(s))" : "CPU", threads, 2, "Debian GNU/Linux 12", "10.0.1", "0.1.0", "0.107.0", "2.7.1", step, 2026);

    [Fact]
    public void On_a_cpu_it_says_ready_the_threads_and_no_note()
    {
        var lines = Setup().Lines();
        Assert.StartsWith("Ready. The arithmetic runs on the CPU: 2 threads on 2 logical processors", lines[0]);
        Assert.Contains(lines, l => l.Contains("TorchSharp 0.107.0", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Note", StringComparison.Ordinal));
        Assert.DoesNotContain("error", Setup().ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void When_the_compatibility_step_applied_it_is_one_calm_note_and_never_the_word_error_alone()
    {
        var setup = Setup(step: "applied: /usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30 lacks GLIBCXX_3.4.32");
        var note = Assert.Single(setup.Lines(), l => l.StartsWith("Note", StringComparison.Ordinal));
        Assert.Contains("information, nothing to do", note, StringComparison.Ordinal);
        Assert.Contains("<details>", setup.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("GLIBCXX_3.4.32", setup.ToHtml(), StringComparison.Ordinal); // the exact step stays available under Details
    }

    [Fact]
    public void On_a_gpu_it_names_the_backend_and_one_thread_is_singular()
    {
        Assert.Equal("Ready. The arithmetic runs on your GPU (CUDA (1 device(s))).", Setup("cuda").Lines()[0]);
        Assert.Contains("1 thread on", Setup(threads: 1).Lines()[0], StringComparison.Ordinal);
    }
}

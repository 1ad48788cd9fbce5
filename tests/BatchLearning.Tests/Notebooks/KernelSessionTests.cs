using System.Diagnostics;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Notebooks;

/// <summary>The kernel process the runner starts: it must not outlive the program that started it.</summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class KernelSessionTests
{
    [Fact]
    public async Task A_kernel_ends_itself_when_the_program_that_started_it_is_killed_and_not_before()
    {
        // The owner stands in for the runner (a `batchlearning run` or a test host) that a kill -9 ends without disposing its kernel.
        using var owner = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start sleep.");
        await using var kernel = await KernelSession.StartAsync(Repository.Layout.Root, Repository.Layout.Notebooks, CancellationToken.None, null, owner);

        // The watch checks every second: while the owner lives, the kernel keeps running cells.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var cell = await kernel.SubmitAsync("6 * 7", "csharp", TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains(cell.Outputs, o => o.Data.Values.Any(v => v.Contains("42", StringComparison.Ordinal)));

        owner.Kill();
        await owner.WaitForExitAsync();

        // Without the watch, dotnet-interactive (its input still open here) would run on for good; with it, it ends within about a second.
        Assert.True(await kernel.EndedWithinAsync(TimeSpan.FromSeconds(60)), "The kernel was still running 60 s after the program that started it was killed.");
    }
}

using BatchLearning.Cli.Benchmarks;
namespace BatchLearning.Tests.Support;

public sealed class BusyTests
{

    [Fact]
    public void The_spinner_runs_until_disposed()
    {
        var busy = Busy.OneCore();
        Assert.True(busy.Running);
        var id = busy.ProcessId;

        busy.Dispose();

        Assert.False(busy.Running);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(id));
    }
}

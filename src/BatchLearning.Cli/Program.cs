using BatchLearning.Cli;
using BatchLearning.Runtime;
using Spectre.Console;

// The BatchLearning command line. `run` executes the course's notebooks headless in the real kernel.
// Ctrl+C cancels: the running kernel is stopped rather than left behind.
// First of all, TorchSharp's native library is pointed at a loadable copy, whichever command touches TorchSharp first.
TorchNativeLibraries.Register();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await CommandLine.RunAsync(args, AnsiConsole.Console, cancellation.Token);
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
    return 130;
}

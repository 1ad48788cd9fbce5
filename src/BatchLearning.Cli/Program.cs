using BatchLearning.Cli;
using BatchLearning.Cli.Notebooks;
using Spectre.Console;

// The BatchLearning command line. `run` executes the course's notebooks headless in the real kernel.
return await CommandLine.RunAsync(args, AnsiConsole.Console, CancellationToken.None);

return await BatchLearning.Server.ServerProgram.RunAsync(args).ConfigureAwait(false);

// First of all, TorchSharp's native library is pointed at a loadable copy, before anything touches TorchSharp.
BatchLearning.Runtime.TorchNativeLibraries.Register();
return await BatchLearning.Server.ServerProgram.RunAsync(args).ConfigureAwait(false);

// The inbox worker: dotnet run --project src/BatchLearning.Worker -- --Inbox data/emails-sample.jsonl --Model artifacts/email-model
// First of all, TorchSharp's native library is pointed at a loadable copy, before anything touches TorchSharp.
BatchLearning.Runtime.TorchNativeLibraries.Register();
return await BatchLearning.Worker.WorkerProgram.RunAsync(args);

// The inbox worker: dotnet run --project src/BatchLearning.Worker -- --Inbox data/emails-sample.jsonl --Model artifacts/email-model
return await BatchLearning.Worker.WorkerProgram.RunAsync(args);

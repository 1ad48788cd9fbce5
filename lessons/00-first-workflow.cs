// Lesson generated from notebooks/00-first-workflow.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/00-first-workflow.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/00-first-workflow.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/00-first-workflow.html.
// On a GPU machine, replace TorchSharp-cpu by TorchSharp-cuda-linux below (same version). The properties: no nullable context,
// as in the notebook kernel; reflection-based JSON, which the library uses (a file-based app turns it off by default); and this
// machine's runtime only. The packages run from the NuGet cache, not copied into the build (lessons/Directory.Build.props).
#:package TorchSharp-cpu@0.107.0
#:project ../src/BatchLearning/BatchLearning.csproj
#:project ../src/BatchLearning.Providers/BatchLearning.Providers.csproj
#:property Nullable=disable
#:property PublishAot=false
#:property UseCurrentRuntimeIdentifier=true

using BatchLearning.Notebook;
using BatchLearning.BatchSizing;
using BatchLearning.Charts;
using BatchLearning.Costs;
using BatchLearning.Data;
using BatchLearning.Email;
using BatchLearning.Experiments;
using BatchLearning.Findings;
using BatchLearning.Generalisation;
using BatchLearning.Generation;
using BatchLearning.Gradients;
using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Jobs;
using BatchLearning.Latency;
using BatchLearning.Memory;
using BatchLearning.Models;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Runtime;
using BatchLearning.Serving;
using BatchLearning.Tables;
using BatchLearning.Timing;
using BatchLearning.Training;
using BatchLearning.Workflow;
using TorchSharp;
using static TorchSharp.torch;
using System.IO;

var lesson = LessonConsole.Start("00-first-workflow", "00 · Start here: your first batch workflow, end to end", args, ["seed", "emailsToday", "windowMinutes", "batchSize", "myFasterWay", "myMeanWaitMinutes", "quiz1", "quiz2", "quiz3"]);

// # 00 · Start here: your first batch workflow, end to end
//
// **The question:** your application receives emails all day, and a model must sort each one (work, personal,
// promotions, spam, support).
// Should it classify every email the moment it arrives, or all the emails of the last five minutes at once? How long
// does each way make an email wait, and what does each cost a day?
//
// In about fifteen minutes, and about a minute of computing, this notebook builds the whole workflow once, with one
// short cell per step. Every number is measured on your machine in this run.
// Each step ends with the notebook that explains it in depth; stop after this one and you can already answer the
// question for your own workflow.
//
// 1. make a day of synthetic mail;
// 2. train a small classifier on it in **mini-batches**;
// 3. classify the mail one email at a time and in **batches**, and time both;
// 4. run a **five-minute batch job** over the whole day and measure how long each email waited;
// 5. put the paths side by side: cost per day and waiting time, for your own model and for a large language model (LLM)
//    through a provider's **batch API**.
//
// **The course map.** The questions a learner brings, and where each is answered (reading times are our estimates; run
// times are measured by each notebook):
//
// | your question | notebook | read first |
// |---|---|---|
// | Classify as it arrives, or every five minutes? What does each cost? | **00-first-workflow** (this one, ~15 min) | nothing |
// | What is my machine, and how fast can it multiply matrices? | [00-setup](00-setup.ipynb) (~10 min) | this one |
// | Why is one batched call cheaper per email than many single calls? | [01-what-is-batching](01-what-is-batching.ipynb) (~25 min) | 00-setup |
// | What batch size should I train my model with? | [02-batch-size-in-training](02-batch-size-in-training.ipynb) (~30 min) | 01 |
// | *Optional, research:* does the batch size change what the model learns? | [03-batch-size-and-generalisation](03-batch-size-and-generalisation.ipynb) (~40 min) | 02 |
// | How long will my users wait if my server batches their requests? | [04-batched-inference](04-batched-inference.ipynb) (~25 min) | 01 |
// | How much does a batch API or a batch job save me? | [05-batch-vs-real-time-cost](05-batch-vs-real-time-cost.ipynb) (~25 min) | this one |
// | How do I run the workflow for real: restarts, bad input, a provider batch, a worker service? | [06-first-ai-workflow](06-first-ai-workflow.ipynb) (~35 min) | 04, 05 |
// | How do chat models batch the text they generate? | [07-batching-text-generation](07-batching-text-generation.ipynb) (~30 min) | 04 |
//
// New to a term? See the [glossary](GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// The setup cell says where the arithmetic runs (your CPU, or a GPU when you have one and switch the package), the
// versions, and the **seed**: the number that makes the random parts
// (the mail, the model's first weights, the order of training) the same on every run. On some Linux machines it adds a
// one-line note about the C++ runtime: that is information, not an error.
//
// ## Parameters
//
// The next cell holds this notebook's knobs and your answers to its exercises. Answers start unset (`null`); set one
// when an exercise asks, then run its check.
// The course runner sets them without editing the notebook: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/00-first-workflow.ipynb --param windowMinutes=15`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);             // the mail, the first weights and the training order
int emailsToday = lesson.Parameter<int>("emailsToday", 10_000);    // the day the workflow serves
int windowMinutes = lesson.Parameter<int>("windowMinutes", 5);       // how often the batch job runs (Try it yourself, 1)
int batchSize = lesson.Parameter<int>("batchSize", 256);         // emails per forward pass when classifying in batches (Try it yourself, 2)
string myFasterWay = lesson.Parameter<string>("myFasterWay", null);   // your prediction: "one at a time" or "batches": which is faster per email for the model?
double? myMeanWaitMinutes = lesson.Parameter<double?>("myMeanWaitMinutes", null); // your prediction: the batch job's mean wait, in minutes
string quiz1 = lesson.Parameter<string>("quiz1", null);         // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);        // a number of minutes
string quiz3 = lesson.Parameter<string>("quiz3", null);         // "a", "b" or "c"

// ## Step 1 · A day of mail
//
// The mail is **synthetic**: generated from phrase lists with the seed, in five categories, arriving over a working day
// (more at 10:00 than at 03:00).
// It is easier to classify than real mail, which is fine here: the lesson is about *when* and *how* emails are
// processed, not about a state-of-the-art model.
// We make five earlier days to train on, one more day to test on, and "today", the day the workflow serves.
lesson.Section("Step 1 · A day of mail");

// ---- cell 5 ----
var trainingMail = EmailGenerator.SeveralDays(4000, new DateOnly(2026, 3, 2), days: 5, seed: seed);
var testMail = EmailGenerator.Day(1000, new DateOnly(2026, 3, 9), seed: seed + 1);
var today = EmailGenerator.Day(emailsToday, new DateOnly(2026, 3, 10), seed: seed + 2);
lesson.Show(today.Take(5)
    .Select(e => new { e.Id, Time = e.ReceivedAt.ToString("HH:mm:ss"), e.Sender, e.Subject, e.Category })
    .ToDataFrame());

// *Deep dive: notebook 06 builds the same mail into a production workflow.*
//
// ## Step 2 · Train a classifier in mini-batches
//
// A **model** is a function with many adjustable numbers (**weights**) that turns an email into a score per category.
// Each email first becomes a **tensor**
// (an array of numbers; here 4,096 counts of hashed words and word pairs). **Training** shows the model labelled emails
// and nudges every weight to make its mistakes smaller.
// It does not do that one email at a time: each step looks at a **mini-batch** of 64 emails, and one pass over all the
// training mail is an **epoch**.
lesson.Section("Step 2 · Train a classifier in mini-batches");

// ---- cell 7 ----
var options = new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.001)) { Seed = seed };
var (classifier, trainingRun) = EmailClassifier.Train(trainingMail, options, testMail);
var confusion = classifier.Evaluate(testMail);
lesson.Show(ClassifierTrainingReport.Describe(trainingMail.Count, trainingRun, testMail.Count, confusion));

// *Deep dive: notebook 02 (what batch size to train with, and why).*
//
// ## Step 3 · One at a time, or in batches?
//
// Real time means each email is classified the moment it arrives: one email per call to the model. A batch job hands
// the model many emails in one call.
// Classifying has two parts: turning the email's text into numbers, and the model's arithmetic. The model does the same
// arithmetic
// for each email either way; what a batch can save is the cost every call pays once, whatever its size (getting the
// call started, reading the weights from memory).
//
// Timing on a computer that also runs other programs is noisy, so the course compares two ways in one way only: in
// **interleaved rounds**
// (one at a time, then batches, and again, 15 rounds, on one processor thread), and it names a winner only when the
// rounds agree;
// otherwise the answer is **too close to call on this run**. Each result below is a **finding** computed by the library
// from this run:
// the numbers, the verdict, and the reason for that verdict. A fixed reference task timed in the same rounds says
// whether the machine was busy.
//
// **Predict before you measure:** for **the model alone**, which takes less time per email: `"one at a time"` or
// `"batches"`?
// Set `myFasterWay` in the parameters cell, run that cell, then run the next cell to put your prediction on record.
lesson.Section("Step 3 · One at a time, or in batches?");

// ---- cell 9 ----
lesson.Show(Exercise.Prediction(nameof(myFasterWay), myFasterWay));

// ---- cell 10 ----
var race = ArrivalRace.Run(classifier, today.Take(512).ToList(), batchSize);
lesson.Show(ArrivalRaceFindings.Model(race));
lesson.Show(ArrivalRaceFindings.Featurize(race));
lesson.Show(ArrivalRaceFindings.EndToEnd(race));
lesson.Show(ArrivalRaceFindings.ModelOnUsualThreads(race));
lesson.Show(ArrivalRaceFindings.Categories(race));

// ---- cell 11 ----
lesson.Show(Exercise.Check(nameof(myFasterWay), myFasterWay, ArrivalRaceFindings.Model(race)));

// **Reading the findings.** The model alone is the part a batch can speed up, and its finding is the one your
// prediction is checked against.
// The end-to-end finding says whether that saving survives the other part of the work: when turning text into numbers
// costs more per email than the model,
// a change in that step can cancel the model's saving, and the finding says which way this run went, from its numbers.
// The last finding times the model again on libtorch's usual number of threads: on a machine where other programs run,
// a batched call split over
// several threads waits for the slowest of them, which is why the course times its comparisons on one thread.
//
// *Deep dive: notebook 01 (where the saving comes from, measured against your machine's limits) and notebook 04
// (batching requests on a server).*
//
// ## Step 4 · The five-minute batch job over a whole day
//
// The job reads an **inbox** (a file other programs append emails to). At the end of every window it classifies what
// arrived since its last run, in batches, writes the results,
// then a **checkpoint** (how far it got), so a crash never loses or repeats an email. The day is replayed on a
// simulated clock, so 24 hours take seconds; the inbox, the job and its files are real.
//
// **Predict before you measure:** emails arrive at any moment and wait for the end of their window. What is their
// **mean** wait, in minutes, with a window of `windowMinutes`?
// Set `myMeanWaitMinutes` and run the next cell.
lesson.Section("Step 4 · The five-minute batch job over a whole day");

// ---- cell 13 ----
lesson.Show(Exercise.Prediction(nameof(myMeanWaitMinutes), myMeanWaitMinutes));

// ---- cell 14 ----
var work = Path.Combine(Path.GetTempPath(), "batchlearning-00-" + Guid.NewGuid().ToString("N")[..8]);
var day = InboxDay.Run(today, classifier, TimeSpan.FromMinutes(windowMinutes), work);
var sameAsAtOnce = day.Results.Select(r => r.Category).SequenceEqual(classifier.Classify(today));
lesson.Show(InboxDayReport.Describe(day, sameAsAtOnce));

// ---- cell 15 ----
var bins = day.WaitHistogram(TimeSpan.FromSeconds(10 * windowMinutes));
lesson.Show(Chart.Of("How long each email waited in the " + windowMinutes + "-minute job",
    new Axis("minutes waited"), new Axis("emails"),
    new ChartSeries("emails", bins.Select(b => b.From.TotalMinutes).ToList(),
        bins.Select(b => (double)b.Emails).ToList(), SeriesStyle.Bars)));

// ---- cell 16 ----
lesson.Show(Exercise.Check(nameof(myMeanWaitMinutes), myMeanWaitMinutes, measured: day.MeanWait.TotalMinutes,
    relativeTolerance: 0.1, InboxDayReport.ExplainMeanWait(day)));

// *Deep dive: notebook 06 (a job that survives crashes and bad input, and the same job as a .NET worker service) and
// notebook 05 (the wait, by formula and by simulation).*
//
// ## Step 5 · What each path costs, and how long it makes an email wait
//
// Four ways to run this workflow for a day:
// - **your own model in real time**: a machine up all day, each email classified as it arrives;
// - **your own model as a batch job**: the cheaper of a machine kept up and a machine started for each run (each start
//   pays a .NET process start and the model load, measured below,
//   and cloud providers bill at least 60 seconds per start);
// - **an LLM in real time**: a large language model from a provider, one request per email, paid per **token** (a piece
//   of a word, about four characters of English);
// - **an LLM through the provider's batch API**: a file of requests, results within 24 hours, at half the real-time
//   price.
// Machine and token prices come from the course's dated price tables (see References); the timings come from this
// machine, so machine costs are an approximation.
lesson.Section("Step 5 · What each path costs, and how long it makes an email wait");

// ---- cell 18 ----
var startUp = JobStartUp.Measure(classifier, work);
var tokens = ClassificationTokens.Measure(today.Take(2000).ToList(), TokenCounter.ForModel(WorkflowPaths.DefaultModel));
var paths = WorkflowPaths.Compare(new WorkflowMeasurements(race, day, startUp, tokens), PriceTable.Default);
lesson.Show(paths.ToDataFrame());

// ---- cell 19 ----
lesson.Show(InboxDayReport.DescribePaths(paths));

// **The LLM paths are ordinary code.** An LLM is called over HTTP with a prompt and answers with text and the tokens it
// bills. Here the course's **inference server**
// stands in for the provider: a small program on 127.0.0.1 that answers OpenAI's API with the classifier you trained,
// so no key is needed, nothing leaves your machine and nothing is billed.
// The calls go through `IChatClient` (Microsoft.Extensions.AI, .NET's common interface to chat models) over the
// official OpenAI SDK. 100 of today's emails go one per request,
// ten per request, and as one batch file; the tokens each answer billed are priced at gpt-4o-mini's rates.

// ---- cell 21 ----
classifier.Save(Path.Combine(work, "model")); // the server loads the classifier trained above
var server = await InferenceServerProcess.StartAsync(new InferenceServerSettings(Path.Combine(work, "model")));
var callOptions = new ModelCallOptions("batchlearning-email", Path.Combine(work, "llm")) { ConcurrentCallers = 4 };
var llmPrice = PriceTable.Default.Api("gpt-4o-mini");
var calls = await ModelCallComparison.RunAsync(server.BaseUrl, [.. today.Take(100)], llmPrice, callOptions);
await server.StopAsync();
lesson.Show(calls.Select(c => new { c.Path, c.Requests, c.Classified, c.InputTokens, c.OutputTokens, c.MedianLatencyMs,
    CostPer1000Emails = c.CostPerThousandEmails }).ToDataFrame());

// ---- cell 22 ----
lesson.Show(ModelCallReport.Describe(calls, llmPrice));

// *Deep dive: notebook 05 (every line of this table, sending fewer, fuller requests, rate limits, and the break-even
// volume) and notebook 06 (a batch round trip that goes wrong, and what to resend).*
//
// ## What this changes in your workflow
//
// Read the table with one question: **how long may an email wait?** If a person is looking at the screen, the answer is
// milliseconds: real time (with a server that batches the
// requests arriving in the same few milliseconds, notebook 04). If minutes are fine, a batch job classifies the same
// emails with the same model, identically, and can run on a machine
// started only for each run. If a day is fine and you need an LLM, its provider's batch API halves the token bill. Many
// systems mix them: urgent mail in real time, the rest in the next batch (notebook 06).
// The next cell puts this run's numbers on those three sentences.
lesson.Section("What this changes in your workflow");

// ---- cell 24 ----
lesson.Show(InboxDayReport.Summarise(race, day, paths));

// ## Try it yourself
//
// 1. Run the job every 15 minutes (`windowMinutes = 15`, or `--param windowMinutes=15`). What happens to the mean wait
//    and to the job's cost?
// 2. Classify in batches of 8 (`batchSize = 8`). How much of the speed-up is left?
//
// Worked solutions: [solutions/00-first-workflow-solutions.ipynb](solutions/00-first-workflow-solutions.ipynb).
//
// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. Batching changes: **a**) which category an email gets; **b**) when it gets it and what the work costs; **c**)
//    both.
// 2. The job runs every 10 minutes and emails arrive evenly. What is the mean wait, in minutes?
// 3. A provider's batch API (OpenAI's or Anthropic's) charges, compared with the same requests in real time: **a**) the
//    same; **b**) about half; **c**) about a tenth.
lesson.Section("Try it yourself");
lesson.Section("Check your understanding");

// ---- cell 26 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "the same model does the same arithmetic per email; step 3 and step 4 both found identical categories."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: 10 / 2.0, relativeTolerance: 0.05,
    "waits spread evenly from 0 to the window, so the mean is half of it: 5 minutes."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "b",
    "both publish a 50 % discount for batch requests, with results within 24 hours (see References)."));

// ---- cell 27 ----
Directory.Delete(work, recursive: true); // tidy up the inbox and the job's files
classifier.Dispose();
lesson.Show("done");

// ## Where next
//
// Go on with [00-setup](00-setup.ipynb), then follow the map at the top: each notebook opens with one question from
// this lesson and ends with what it changes in this workflow.
//
// ## References
//
// - J. Howard and S. Gugger. *Practical Deep Learning for Coders*, lesson 1 (the whole-game, top-down way of teaching
//   this lesson follows). fast.ai, 2022. https://course.fast.ai/ (read 2026-12-02).
// - OpenAI. *Batch API* (guide): 50 % discount, 24-hour completion window.
//   https://platform.openai.com/docs/guides/batch (as listed on 2026-11-29).
// - Anthropic. *Batch processing* (Message Batches): 50 % discount, results within 24 hours.
//   https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (as listed on 2026-11-29).
// - OpenAI. *Pricing* (gpt-4o-mini, real time and batch). https://openai.com/api/pricing/ (as listed on 2026-11-29).
// - OpenAI. *tiktoken* (o200k_base, the encoding of gpt-4o-mini). https://github.com/openai/tiktoken (read 2026-11-29);
//   counted here with Microsoft.ML.Tokenizers. https://www.nuget.org/packages/Microsoft.ML.Tokenizers
// - FactualMinds. *Amazon EC2 On-Demand Pricing: Instance Families, Regional Multipliers, and the Graviton Crossover
//   (2026)* (m7g.large, Linux, us-east-1: $0.0816 an hour), 2026-06-17.
//   https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/
// - AWS. *Announcing Amazon EC2 per second billing* (Linux instances billed per second, minimum 60 seconds),
//   2017-10-02. https://aws.amazon.com/about-aws/whats-new/2017/10/announcing-amazon-ec2-per-second-billing/
lesson.Section("Where next");
lesson.Section("References");

lesson.Finish();

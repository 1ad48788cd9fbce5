// Lesson generated from notebooks/06-first-ai-workflow.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/06-first-ai-workflow.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/06-first-ai-workflow.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/06-first-ai-workflow.html.
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

var lesson = LessonConsole.Start("06-first-ai-workflow", "06 · Building your first AI workflow", args, ["seed", "windowMinutes", "realTimeMaxDelayMs", "driftSharePerDay", "alertAgreement", "submit", "myMeanWaitSeconds", "myLostOrRepeated", "quiz1", "quiz2", "quiz3"]);

// # 06 · Building your first AI workflow
//
// **The question:** thousands of emails reach my inbox every day. How do I sort them with a model of my own, one at a
// time or every five minutes,
// and what does it take to run that as a service that survives crashes, bad input, a full disk and mail that changes,
// and when is an LLM provider's batch service the better buy?
//
// The brief this course was written from says: *"an email classification system might batch-process all emails received
// in the last five minutes rather than classifying each one individually."*
// This notebook builds that system end to end, on simulated days of mail, and measures the choices:
//
// **You will learn to**
// 1. train an email classifier with mini-batches and check it on mail it never saw;
// 2. serve it two ways: **real time** behind the dynamic batcher (each email classified as it arrives) and a
//    **five-minute batch job** that is restartable;
// 3. run the job as a real **worker service**, kill it in the middle of a run, feed it a malformed line and a full
//    disk, and count what was lost;
// 4. watch its **metrics** through a day whose mail drifts, see when to retrain, and retrain;
// 5. send the same work through a **Batch API**: the cost estimated from counted tokens first, then the round trip for
//    real (to the course's own server unless you give your key and your say-so), with a batch that expires part done
//    and a request refused on its own line;
// 6. compare the cost and latency of the three paths, and combine two of them: urgent mail in real time, the rest every
//    five minutes.
//
// All mail here is **synthetic**: generated from phrase lists with a seed (the library's `EmailGenerator`; a fixed
// sample is in `data/emails-sample.jsonl`). It is easier to classify than real mail.
//
// New to a term? See the [glossary](GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// This notebook's knobs and your answers to its exercises. Answers start unset (`null`); set one when an exercise asks,
// then run its check.
// The course runner sets them without editing: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/06-first-ai-workflow.ipynb --param windowMinutes=15`.
// `submit` is the one knob that costs money: only with `submit = true` **and** your `OPENAI_API_KEY` in the environment
// does the provider section send the day's mail to OpenAI.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);                  // drives the generated mail, the training order and the replayed traffic
int windowMinutes = lesson.Parameter<int>("windowMinutes", 5);            // how often the batch job runs (Try it yourself, 1)
double realTimeMaxDelayMs = lesson.Parameter<double>("realTimeMaxDelayMs", 2);    // how long the dynamic batcher waits for more requests (Try it yourself, 2)
double driftSharePerDay = lesson.Parameter<double>("driftSharePerDay", 0.8);    // how fast a new kind of spam spreads through the watched day (Try it yourself, 4)
double alertAgreement = lesson.Parameter<double>("alertAgreement", 0.9);      // alert when the classifier agrees with fewer of the labels than this
bool submit = lesson.Parameter<bool>("submit", false);              // true and OPENAI_API_KEY set: really send today's mail to OpenAI's Batch API (paid)
double? myMeanWaitSeconds = lesson.Parameter<double?>("myMeanWaitSeconds", null); // your prediction: the five-minute job's mean wait, in seconds (Try it yourself, 3)
string myLostOrRepeated = lesson.Parameter<string>("myLostOrRepeated", null);   // emails lost or classified twice after the kills: "none", "a few" or "hundreds" (5)
string quiz1 = lesson.Parameter<string>("quiz1", null);              // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);             // a number of seconds
string quiz3 = lesson.Parameter<string>("quiz3", null);              // "a", "b" or "c"

// ## The mail
//
// Five categories (work, personal, promotions, spam, support), senders, subjects and bodies, and arrival times that
// follow a working day.
// Training mail comes from five earlier days; the test set from another day; "today" is the day the workflow serves.
lesson.Section("The mail");

// ---- cell 5 ----
var trainingMail = EmailGenerator.SeveralDays(6000, new DateOnly(2026, 3, 2), days: 5, seed: seed);
var testMail = EmailGenerator.Day(1000, new DateOnly(2026, 3, 9), seed: seed + 1);
const int emailsToday = 20_000;
var today = EmailGenerator.Day(emailsToday, new DateOnly(2026, 3, 10), seed: seed + 2);
lesson.Show(today.Take(5).Select(e => new { e.Id, Time = e.ReceivedAt.ToString("HH:mm:ss"), e.Sender, e.Subject, e.Category })
    .ToDataFrame());

// ---- cell 6 ----
var hours = Enumerable.Range(0, 24).Select(h => (double)h).ToList();
var perHour = hours.Select(h => (double)today.Count(e => e.ReceivedAt.Hour == h)).ToList();
lesson.Show(Chart.Of("Today's emails by hour of arrival", new Axis("hour of the day"), new Axis("emails"),
    new ChartSeries("emails", hours, perHour, SeriesStyle.Bars)));

// ## Train the classifier
//
// Each email becomes a vector of 4,096 counts (`TextFeaturizer`): every word and word pair is **hashed** (turned into a
// number by a fixed formula) to one of 4,096 buckets,
// so the vector has the same length whatever the email says. A small network (4,096 → 128 → 5) learns from
// **mini-batches** of 64 emails (one update of the weights per
// batch) with **Adam** (a gradient-descent method that adapts its step for each weight), for 3 **epochs** (passes over
// the training mail).
//
// Then it classifies 1,000 test emails it never saw. The **confusion matrix** counts, for each true category (rows),
// the categories predicted (columns): the diagonal is right.
// **Recall** of a category is the share of its emails that were found (its diagonal cell over its row); **precision**
// is the share of the emails predicted as it that truly are
// (its diagonal cell over its column).
lesson.Section("Train the classifier");

// ---- cell 8 ----
var progress = TrainingDisplay.Show();
var training = new TrainingOptions(64, TrainingBudget.OfEpochs(3), OptimizerSettings.Adam(0.001)) { Seed = seed };
var (classifier, trainingRun) = EmailClassifier.Train(trainingMail, training, testMail, progress: progress);
var confusion = classifier.Evaluate(testMail);
lesson.Show(trainingRun.Epochs.ToDataFrame());
lesson.Show(confusion.ToDataFrame());

// ---- cell 9 ----
lesson.Show(InboxServiceReport.TestAccuracy(confusion));

// ## Path 1: real time, behind the dynamic batcher
//
// Each email is classified the moment it arrives. Requests go through the `DynamicBatcher` (notebook 04): it groups
// whatever arrives within `realTimeMaxDelayMs`
// (2 ms unless you change it), up to 32 at once, into one **forward pass** (one call of the network on a whole batch).
// Its **latency** is the time from an email's arrival to its category: the wait for its batch to close (at most the max
// delay), any wait for the previous batch, the pass itself and the hand-offs between threads, which on a busy machine
// can add a millisecond, so a median above the max delay is possible; p50, p95 and p99 are the
// latencies that half, 95 % and 99 % of the emails stay under; **throughput** is emails answered per second.
// Today's mail arrives at well under one email a second, far too slow to measure latency in seconds of notebook time,
// so we replay 2,000 of today's emails
// at 200 a second (at random moments, at that average rate: a Poisson process) and record each one's latency.
lesson.Section("Path 1: real time, behind the dynamic batcher");

// ---- cell 11 ----
var batcherOptions = new DynamicBatcherOptions(MaxBatchSize: 32, TimeSpan.FromMilliseconds(realTimeMaxDelayMs));
var realTimeTest = await BatcherLoadTest.RunAsync<EmailMessage, EmailCategory>(e => classifier.Classify(e),
    today.Take(2_000).ToList(), new LoadTestOptions(batcherOptions, RatePerSecond: 200, Requests: 2_000, Seed: seed));
var (served, load) = (realTimeTest.Metrics, realTimeTest.Load);
var realTime = new { served.Completed, served.MeanBatchSize, P50Ms = served.LatencyP50Ms, P95Ms = served.LatencyP95Ms,
    P99Ms = served.LatencyP99Ms, load.ThroughputPerSecond };
lesson.Show(new[] { realTime }.ToDataFrame());

// ## Path 2: the five-minute batch job
//
// The batch job reads an **inbox**, a JSON Lines file (one email as one JSON object per line) that other programs
// append to. Every five minutes it takes what arrived
// since its last successful run, classifies it in batches, and **commits**: results and unreadable lines are written to
// new files atomically (written under a temporary
// name, flushed, then renamed, so a reader sees the whole file or none), then the **checkpoint** (the inbox position up
// to which everything is committed).
// A line it cannot read becomes a **dead letter**: set aside in a file of its own with the reason, instead of stopping
// the job or vanishing.
// If the process dies at any point, a restart redoes at most the uncommitted part, and a second job on the same inbox
// refuses to start.
//
// The day is simulated: `InboxReplay` keeps a real inbox in a temporary folder (in memory where the system allows, so
// 288 commits do not wait for the disk),
// moves a `SimulatedClock` five minutes at a time and, before each run, appends the emails that arrived in those five
// minutes, with a malformed line (a truncated write)
// after every 5,000th email, as a real mail pipeline produces now and then.
lesson.Section("Path 2: the five-minute batch job");

// **Predict before you measure** (Try it yourself, 3): emails arrive at any moment and the job runs at the end of every
// window. Is an email's **mean** wait closer to half the window
// (2.5 minutes = 150 s) or to the whole window (300 s)? Set `myMeanWaitSeconds` in the parameters cell and run the next
// cell to put it on record; the check comes after the measurement.

// ---- cell 14 ----
lesson.Show(Exercise.Prediction(nameof(myMeanWaitSeconds), myMeanWaitSeconds));

// ---- cell 15 ----
var dayStart = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
var window = TimeSpan.FromMinutes(windowMinutes);
var work = InboxReplay.Create(dayStart);
var jobDay = work.RunDay(today, classifier, new InboxReplayOptions { Window = window, MalformedLineEvery = 5_000 });
var runs = jobDay.Succeeded;
var results = InboxBatchJob.ReadResults(work.OutputDirectory);
var deadLetters = InboxBatchJob.ReadDeadLetters(work.OutputDirectory);
lesson.Show(InboxServiceReport.JobDay(jobDay, results.Count, deadLetters));

// ---- cell 16 ----
var batchJob = JobWaits.Of(results, window); // mean, p50, p95, p99 and the longest wait, against the formula's
var sameAnswers = results.Select(r => r.Category).SequenceEqual(classifier.Classify(today));
lesson.Show(new[] { batchJob }.ToDataFrame());
lesson.Show(batchJob.Describe(sameAnswers));

// ---- cell 17 ----
lesson.Show(Exercise.Check(nameof(myMeanWaitSeconds), myMeanWaitSeconds, measured: batchJob.MeanSeconds, relativeTolerance: 0.1,
    batchJob.ExplainMean()));

// ---- cell 18 ----
var bins = Enumerable.Range(0, 30).Select(i => i * 10.0).ToList();
var waits = results.Select(r => r.Latency.TotalSeconds).ToList();
var perBin = bins.Select(b => (double)waits.Count(w => w >= b && w < b + 10)).ToList();
lesson.Show(Chart.Of("Wait from arrival to category in the five-minute job", new Axis("seconds waited (10 s bins)"),
    new Axis("emails"), new ChartSeries("emails", bins, perBin, SeriesStyle.Bars)));

// ## When things go wrong: the job as a worker service, killed, fed bad lines, out of disk
//
// In production the job is not a loop in a notebook: `src/BatchLearning.Worker` runs the same library job as a **worker
// service** (a .NET `BackgroundService` on a
// `PeriodicTimer`, with settings, `ILogger` logs and metrics), as systemd or a container runs it. Below it runs as a
// **real child process**
// (`dotnet BatchLearning.Worker.dll --Inbox ... --Model ... --Period 00:00:01`, built by `dotnet build`), logging one
// JSON object per event,
// over an inbox that **grows while it works**: the night's 3,000 emails wait when it starts, and 3,000 more arrive at
// 1,000 a second. It commits at most 250 emails at a time.
//
// Then we do to it what production does:
// 1. **kill it** twice in the middle of a run with SIGKILL (`kill -9`, what a crash, an out-of-memory kill or a pulled
//    plug amounts to: the process gets no chance to finish
//    its commit, tidy up or log a last word), and start it again each time;
// 2. let it meet the **malformed lines** of the inbox (one after every 1,000th email);
// 3. give it a **full disk**: started under a file-size limit (`ulimit -f`, which holds for root too), every write past
//    16 KiB fails;
// 4. then start it normally and stop it the orderly way, with SIGTERM (what systemd and `docker stop` send): it
//    finishes the commit in progress and exits with 0.
//
// Afterwards the notebook counts, from the files alone, what was lost and what was classified twice.
lesson.Section("When things go wrong: the job as a worker service, killed, fed bad lines, out of disk");

// **Predict before you measure** (Try it yourself, 5): after two kills in the middle of a run and a stretch of refused
// writes, how many of the 6,000 emails will be
// **lost or classified twice**: "none", "a few" or "hundreds"? Set `myLostOrRepeated` in the parameters cell and run
// the next cell.

// ---- cell 21 ----
lesson.Show(Exercise.Prediction(nameof(myLostOrRepeated), myLostOrRepeated));

// ---- cell 22 ----
var modelFolder = Path.Combine(work.Folder, "model");
classifier.Save(modelFolder); // the worker loads the classifier from its folder, as in production
var live = InboxReplay.Create(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
var liveMail = EmailGenerator.Day(6_000, new DateOnly(2026, 3, 11), seed: seed + 3);
var liveOptions = new InboxReplayOptions { MalformedLineEvery = 1_000 };
live.Append(liveMail.Take(3_000), liveOptions);  // the night's mail, waiting
var inboxAtStart = InboxServiceReport.Waiting(live.AppendedIds.Count, live.MalformedLines,
    arriving: liveMail.Count - 3_000, perSecond: 1_000);
var feed = live.FeedAsync(liveMail.Skip(3_000).ToList(), emailsPerSecond: 1_000, liveOptions); // more keeps coming
var settings = live.WorkerSettings(modelFolder) with { MaxEmailsPerCommit = 250 };
var lives = new List<InboxWorkerLife>();
var workers = new List<InboxWorkerProcess>();
lesson.Show(inboxAtStart);

// ---- cell 23 ----
for (var kill = 1; kill <= 2; kill++)
{
    var worker = InboxWorkerProcess.Start(settings); // a new process: loads the model, reads the checkpoint
    workers.Add(worker);
    await worker.WaitForCommitsAsync(2);             // two commits into a run that has more to do
    worker.Kill();                                   // SIGKILL: no time to finish the commit, tidy up or log
    lives.Add(InboxWorkerLife.Of(worker, "killed with SIGKILL in the middle of a run", live.Progress()));
}
lesson.Show(lives.ToDataFrame());

// A kill leaves mail uncommitted and, when it lands while a commit is being written, a half-written results file
// (`.tmp`): the commit in progress, never renamed
// into place (the table's `HalfWrittenFiles`; a write refused for lack of space leaves one too). The next start removes
// it and goes on from the checkpoint. Now the disk: the worker starts under a file-size limit of 16 KiB, so the results
// file of its first commit cannot be written,
// as on a full disk (a limit set with `ulimit -f` applies to root as well, where taking away write permission would
// not). We wait for two failed runs, then stop it.

// ---- cell 25 ----
var beforeFull = live.Progress();
var full = InboxWorkerProcess.Start(settings with { FileSizeLimitBytes = 16 * 1024 }); // writes past 16 KiB fail
workers.Add(full);
var refused = await full.WaitForLogAsync(entry => entry.Level == "Error", count: 2);
var fullExit = await full.StopAsync(); // SIGTERM: it stops between runs and exits with 0
lives.Add(InboxWorkerLife.Of(full, "stopped with SIGTERM after two failed runs: writes refused", live.Progress()));
lesson.Show(InboxServiceReport.WritesRefused(refused, beforeFull, live.Progress(), fullExit));

// ---- cell 26 ----
var last = InboxWorkerProcess.Start(settings); // the disk has room again
workers.Add(last);
await feed;                                     // the last emails have arrived
await last.WaitUntilCaughtUpAsync();
var lastExit = await last.StopAsync();
lives.Add(InboxWorkerLife.Of(last, "stopped with SIGTERM once it had caught up", live.Progress()));
lesson.Show(lives.Select((l, i) => new { Start = i + 1, l.Ended, l.Commits, l.FailedRuns, l.UncommittedBytes,
    l.HalfWrittenFiles, l.ExitCode }).ToDataFrame());
var resumed = workers[1].Logs.First(e => e.Message.StartsWith("Starting from the checkpoint"));
var warned = last.Logs.First(e => e.Level == "Warning");
lesson.Show(InboxServiceReport.Logged(resumed, warned));

// ---- cell 27 ----
var audit = live.Audit(); // counted from the inbox and the output files alone
lesson.Show(InboxServiceReport.Audit(audit, lives));

// ---- cell 28 ----
lesson.Show(Exercise.Check(nameof(myLostOrRepeated), myLostOrRepeated, ["none", "a few", "hundreds"],
    InboxServiceReport.LostOrRepeated(audit), InboxServiceReport.ExplainAudit(audit)));

// ## Watching the job: metrics over a day whose mail drifts
//
// A service nobody watches fails quietly. The worker publishes **metrics** on the meter `BatchLearning.Inbox` (.NET's
// `System.Diagnostics.Metrics`, exported to
// Prometheus through OpenTelemetry or read live with `dotnet-counters`): **counters** that only grow (runs by outcome,
// emails committed, dead letters, predictions per category),
// **histograms** of values per run (run duration, emails per run, each email's confidence) and **gauges** read when
// asked (the **backlog**: bytes and emails waiting,
// and the **oldest waiting email's age**). An email's **confidence** is the classifier's largest probability for it
// (softmax turns the network's five outputs into probabilities that add up to 1),
// from 0.2 (a guess among five) to 1.
//
// Here a simulated day (about 10,000 emails, a malformed line after every 2,000th) runs the same library job with the
// same `InboxMetrics` the worker uses, read through a `MeterListener` as an exporter would.
// The day has two troubles: from 13:00 to 14:00 the job cannot write its output (a file stands where its results folder
// should be, which fails every write as a full disk does),
// and from 06:00 a new kind of spam (crypto "investment" offers, in words the classifier never saw) spreads through the
// mail: **drift**, the mail changing under a model trained
// on earlier days'. Every email here carries its true label, as if users' corrections came with it, so we can also
// measure **agreement**: the share of the predictions that match the label.
// A real inbox has labels for only some mail; the confidence needs none.
lesson.Section("Watching the job: metrics over a day whose mail drifts");

// ---- cell 30 ----
var watchedStart = new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero);
var drift = new EmailDrift(watchedStart.AddHours(6), SharePerDay: driftSharePerDay);
var watchedMail = EmailGenerator.SeveralDays(20_000, new DateOnly(2026, 3, 12), days: 2, seed: seed + 4, drift: drift);
var dayOneMail = watchedMail.Where(e => e.ReceivedAt < watchedStart.AddDays(1)).ToList();
var dayTwoMail = watchedMail.Where(e => e.ReceivedAt >= watchedStart.AddDays(1)).ToList();
var watched = InboxReplay.Create(watchedStart);
var watchOptions = new InboxReplayOptions { KeepLabels = true, MalformedLineEvery = 2_000,
    WritesFailFrom = new TimeOnly(13, 0), WritesFailFor = TimeSpan.FromHours(1) };
var dayOne = watched.RunDay(dayOneMail, classifier, watchOptions);
var timeline = new InboxMetricsTimeline(dayOne.Metrics);
lesson.Show(timeline.BacklogChart("Before each run: how long the oldest waiting email had waited"));

// ---- cell 31 ----
var worst = timeline.Runs.MaxBy(r => r.OldestWaitingSeconds)!;
lesson.Show(InboxBacklogReport.Describe(timeline, watchOptions.Window));

// ---- cell 32 ----
lesson.Show(timeline.CategoriesChart("What the classifier predicted, hour by hour"));
lesson.Show(timeline.QualityChart("The classifier's mean confidence and its agreement with the labels, hour by hour"));

// ---- cell 33 ----
var alarm = DriftAlarm.Watch(timeline, drift, alertAgreement);
lesson.Show(alarm.Describe());

// The confidence is the alarm that needs no labels, but compare the hours above: it falls later and less than the
// agreement (a model can be confidently wrong about mail it never saw),
// so alert on a drop from its usual level, not on a fixed level. The predicted categories show where the new mail goes.
// The fix is the nightly batch job the course started with,
// on the other side of the model: **retrain** at midnight on the labelled mail, old and new, and deploy the new
// classifier for the next day.
// Here the retraining makes one pass (epoch) over the five training days and the watched day's labelled mail; the next
// day, still full of the new spam,
// runs on the new classifier.

// ---- cell 35 ----
var nightly = new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.001)) { Seed = seed };
var (retrained, _) = EmailClassifier.Train([.. trainingMail, .. dayOneMail], nightly);
var dayTwo = watched.RunDay(dayTwoMail, retrained, watchOptions with { WritesFailFrom = null });
var twoDays = new InboxMetricsTimeline([.. dayOne.Metrics, .. dayTwo.Metrics]);
var (agreedAfter, sureAfter) = ((double)dayTwo.Metrics.Sum(m => m.Agreed) / dayTwo.Metrics.Sum(m => m.Labelled),
    dayTwo.Metrics.Sum(m => m.ConfidenceSum) / dayTwo.Metrics.Sum(m => m.Predicted));
var oldModel = classifier.Evaluate(dayTwoMail).Accuracy;
lesson.Show(twoDays.QualityChart("Two days: the old classifier, then the one retrained at midnight (hour 24)"));
lesson.Show(alarm.DescribeRetraining(trainingMail.Count + dayOneMail.Count, agreedAfter, sureAfter, oldModel));

// ## Path 3: send the work to an LLM provider's Batch API
//
// When a learner outgrows one machine, or wants a large language model instead of a small classifier, the same day of
// mail can go to a provider's batch service:
// 50% of the real-time price, results within 24 hours (OpenAI, *Batch API* guide; Anthropic, *Message Batches*
// documentation; see References).
// `OpenAiBatchFile` writes the requests as JSON Lines (one chat completion per email, a fixed instruction plus the
// email, each with a `custom_id` that brings its answer
// back to its email), split at the provider's limits (50,000 requests or 200 MB per file); `AnthropicBatchFile` writes
// Message Batches.
//
// A provider bills **tokens**, the pieces of text its model reads and writes (a common word is one token, a rare one
// several). They are counted here with the
// o200k_base tokenizer, gpt-4o-mini's own, so the cost below is estimated before anything is sent. Sending uses
// `ProviderBatchClient` (package BatchLearning.Providers,
// on the official OpenAI SDK): upload the file, create the batch, poll it, download the output and error files, match
// each answer to its email by `custom_id`.
// It sends to OpenAI only with `submit = true` **and** your key; otherwise the same client makes the same round trip
// with the course's inference server on 127.0.0.1, which answers the
// Batch API as OpenAI does (no key, no call leaving your machine, nothing billed).
lesson.Section("Path 3: send the work to an LLM provider's Batch API");

// ---- cell 37 ----
var batchFiles = OpenAiBatchFile.WriteRequests(today, "gpt-4o-mini", Path.Combine(work.Folder, "provider"));
var firstLine = File.ReadLines(batchFiles[0]).First();
lesson.Show(batchFiles.Select(f => new { File = Path.GetFileName(f), Requests = File.ReadLines(f).Count(),
    Megabytes = new FileInfo(f).Length / 1e6 }).ToDataFrame());
lesson.Show(firstLine.Length > 400 ? firstLine[..400] + " ..." : firstLine);

// ---- cell 38 ----
var prices = PriceTable.Default;
var gpt4oMini = prices.Api("gpt-4o-mini");
var counted = ClassificationTokens.Measure(today, TokenCounter.ForModel("gpt-4o-mini"));
var capped = counted.Workload(today.Count) with { OutputTokensPerRequest = ClassificationPrompt.MaxOutputTokens };
var estimate = ApiCostCalculator.Estimate(gpt4oMini, capped, ProcessingMode.Batch);
var hasKey = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OPENAI_API_KEY")); // never printed
var skipped = !hasKey ? "OPENAI_API_KEY is not set" : !submit ? "submit is false" : null;
lesson.Show(InboxServiceReport.BatchEstimate(counted, estimate));

// ---- cell 39 ----
var sendToOpenAi = skipped is null; // submit = true and OPENAI_API_KEY set
// In your home folder for OpenAI, so running this again (after a restart too) polls the same batch: nothing sent twice.
var batchFolder = sendToOpenAi ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
    ".batchlearning") : Path.Combine(work.Folder, "provider-local");
lesson.Show(ProviderSending.Describe(skipped, batchFiles[0], today.Count, estimate.PerDay, batchFolder));

// The round trip sends the day's first 2,000 emails (the estimate above was for all 20,000; with `submit = true` and
// your key, all 20,000 go to OpenAI as they are,
// where neither the early expiry nor the refusal below is expected). The server is set to have a hard day, the kind a
// provider has at peak load. It works through a file in chunks of 250 requests, a quarter of a second apart
// (a provider shares its batch capacity among its customers), and its **completion window** is cut from 24 hours to a
// second and a half, too short for the eight chunks, so the batch runs out of time with part of its work done:
// it ends **expired**, its finished answers in the output file and each unfinished request in the error file as
// `batch_expired`. One email has a forwarded log pasted in, more than the
// model reads at once (the server's context is set to 8,192 tokens, a small model's): its line is refused on its own
// (`context_length_exceeded`) and the rest of the batch goes on.
// What a careful client does next: send again **only the unfinished requests**, as a new batch, never the ones already
// answered, and not the refused one, which would fail again.

// ---- cell 41 ----
var batchServer = await InferenceServerProcess.StartAsync(new InferenceServerSettings(modelFolder)
{
    MoreArguments = ["--ContextTokens", "8192", "--BatchCompletionWindow", "00:00:01.5",
        "--BatchApiChunkSize", "250", "--BatchApiChunkInterval", "00:00:00.25"],
});

// ---- cell 42 ----
var sent = today.Take(2_000).ToList();
sent[42] = EmailGenerator.WithPastedLog(sent[42], lines: 1_500); // more than the model reads at once
var batches = new ProviderBatchClient(BatchProvider.OpenAi, batchFolder, sendToOpenAi ? null : new ProviderBatchOptions
{
    Endpoint = batchServer.BaseUrl, FirstPollDelay = TimeSpan.FromMilliseconds(200),
    ReadEnvironment = name => name == "OPENAI_API_KEY" ? "local" : null, // the course's server takes any key
});
var mailSent = sendToOpenAi ? today : sent;
batches.Prepare(mailSent, sendToOpenAi ? "gpt-4o-mini" : "batchlearning-email");

// ---- cell 43 ----
bool Unfinished(ProviderBatchOutcome o) => o.Report?.Results.Any(r => r.Status is ProviderResultStatus.Expired) == true;
var rounds = new List<ProviderBatchOutcome> { await batches.RunAsync(submit: true) }; // with OpenAI: up to 24 hours
while (Unfinished(rounds[^1]) && rounds.Count < 8)
{
    rounds.Add(await batches.ResendUnfinishedAsync(submit: true)); // only what is unfinished, as one more batch
}
var roundTrip = ProviderRoundTrip.Collect(batches, rounds); // every batch's results, matched by custom_id
lesson.Show(roundTrip.Batches.ToDataFrame());

// ---- cell 44 ----
var local = sendToOpenAi ? null // the classifier's own answers, to compare the server's with
    : mailSent.Zip(classifier.Classify(mailSent)).ToDictionary(x => x.First.Id, x => x.Second);
lesson.Show(roundTrip.Describe(mailSent.Count, local));

// ---- cell 45 ----
lesson.Show(InferenceServerProcess.DescribeExit(await batchServer.StopAsync()));

// ## Compare the three paths
//
// **Tokens**: the counts above, from the course's one classification prompt, the same request notebook 05 prices, so
// the two notebooks agree (the table counts the answers'
// real tokens, where the estimate above allowed each answer its 5-token cap).
// **Machines**: the two own-model paths run on a CPU machine paid by the hour (the dated m7g.large row of the price
// table; your measurements come from this machine, so the price is an approximation).
// The real-time path needs it up all day. The five-minute job can either run on a machine that **stays up**, or on one
// **started for each run**, 288 times a day: then every run pays the process start,
// the model load and its processing, rounded up by the provider's billing rule (EC2 Linux: per second, **at least 60 s
// per start**). Both are priced below, with the start-up and load measured here;
// the chart uses the cheaper of the two. The boot of a cloud machine or the pull of a container image comes on top and
// is not measured here.
// **Latency**: measured above for the two own-model paths; for the provider batch, the published window (up to 24
// hours).
lesson.Section("Compare the three paths");

// ---- cell 47 ----
// Start-up of a job run, measured: a new .NET process that starts and exits, and loading the classifier
// (each the median of 3).
var startUp = JobStartUp.Measure(classifier, work.Folder); // stated with the cost below

// ---- cell 48 ----
var cpu = prices.Cpu("m7g.large");
var runSeconds = runs.Select(r => TimeSpan.FromSeconds(r.Seconds)).ToList();
var jobCost = ScheduledJobCost.Estimate(cpu.AsHourlyPrice(), startUp.Total, runSeconds, BillingRule.Ec2PerSecond);
lesson.Show(new[] { jobCost }.ToDataFrame());
lesson.Show(InboxServiceReport.JobCost(jobCost, startUp));

// ---- cell 49 ----
var llm = ApiCostCalculator.Estimate(gpt4oMini, counted.Workload(emailsToday), ProcessingMode.Batch);
var llmRealTime = ApiCostCalculator.Estimate(gpt4oMini, counted.Workload(emailsToday), ProcessingMode.RealTime);
var paths = WorkflowPaths.ForService(cpu, realTimeTest, batchJob, jobCost, llm,
    tokensPerEmail: counted.InstructionTokens + counted.MeanEmailTokens);

// ---- cell 50 ----
lesson.Show(RealTimeOrBatchReport.Tokens(counted, new DateOnly(2026, 3, 10)));
lesson.Show(paths.Select(p => new { p.Path, p.CostPerDay, P50WaitSeconds = p.TypicalWaitSeconds,
    P99WaitSeconds = p.WorstWaitSeconds, p.Basis }).ToDataFrame());
lesson.Show(InboxServiceReport.LlmRealTimeAgainstBatch(llmRealTime, llm));

// ---- cell 51 ----
lesson.Show(Chart.Of("Cost per day against worst-case (p99) latency, log scales", new Axis("p99 latency (s)", Logarithmic: true),
    new Axis("US$ per day", Logarithmic: true),
    paths.Select(p => new ChartSeries(p.Path, [p.WorstWaitSeconds], [p.CostPerDay], SeriesStyle.Markers)).ToArray()));

// Read the chart from left to right: the real-time path answers in milliseconds but keeps a machine up all day; the
// five-minute job makes each email wait up to five minutes,
// and starting a machine for each run is cheap only as long as the time billed per run (at least the 60 s minimum, plus
// a real machine's boot) stays well under the window; the provider batch takes up to a day and costs tokens instead of
// machines, with a much more capable model behind it.
// Which one is right depends on the task's latency budget (notebook 05's decision table). And a system need not pick
// one: many use **both** at once.
//
// ## Both paths at once
//
// Mail to the support address is urgent; the rest can wait five minutes. Route on arrival: support mail goes to the
// real-time path, everything else to the five-minute job.
// (Here the emails whose true category is Support stand for the mail sent to the support address.) Below, today's
// support mail is replayed through the dynamic batcher,
// and the other categories' waits are read from the five-minute job above.
lesson.Section("Both paths at once");

// ---- cell 53 ----
var urgentMail = today.Where(e => e.Category == EmailCategory.Support).ToList();
var urgentLoad = (await BatcherLoadTest.RunAsync<EmailMessage, EmailCategory>(e => classifier.Classify(e), urgentMail,
    new LoadTestOptions(batcherOptions, RatePerSecond: 50, Requests: 200, Seed: seed))).Metrics;
var trueCategory = today.ToDictionary(e => e.Id, e => e.Category!.Value);
List<double> WaitsOf(Func<EmailCategory, bool> which) => results.Where(r => which(trueCategory[r.Id]))
    .Select(r => r.Latency.TotalSeconds).Order().ToList();
var otherWaits = WaitsOf(c => c != EmailCategory.Support); // every category the job serves
var perCategory = Enum.GetValues<EmailCategory>().Select(c => (Category: c, Waits: WaitsOf(x => x == c))).Select(x =>
    x.Category == EmailCategory.Support
        ? new { x.Category, Path = "real time", EmailsToday = urgentMail.Count,
            P50Seconds = urgentLoad.LatencyP50Ms / 1000, P99Seconds = urgentLoad.LatencyP99Ms / 1000 }
        : new { x.Category, Path = "five-minute job", EmailsToday = x.Waits.Count,
            P50Seconds = NearestRank.Quantile(x.Waits, 0.5), P99Seconds = NearestRank.Quantile(x.Waits, 0.99) })
    .ToList();

// ---- cell 54 ----
// LLM: support mail one per request in real time; the rest every 5 minutes, 10 per request, real-time prices.
lesson.Show(perCategory.ToDataFrame());
var others = today.Where(e => e.Category != EmailCategory.Support).ToList();
var mixedTokens = PackedClassificationPrompt.MeasureTokens(others.Take(2_000).ToList(),
    TokenCounter.ForModel("gpt-4o-mini"), [1, 10]);
var tenPerRequest = PackingCost.Compare(gpt4oMini, mixedTokens).Single(p => p.ItemsPerRequest == 10);
var split = new UrgencySplit(urgentMail.Count, today.Count, urgentLoad.LatencyP99Ms, UrgentRatePerSecond: 50,
    OthersP99Seconds: NearestRank.Quantile(otherWaits, 0.99), UrgentReplayed: urgentLoad.Completed,
    MachinePerDay: 24 * cpu.PerHour, jobCost.ProcessingSecondsPerDay,
    LlmSplitPerDay: urgentMail.Count * llmRealTime.PerRequest
        + others.Count / 1000.0 * tenPerRequest.RealTimePerThousandEmails,
    llmRealTime.PerDay, OthersPerRequest: 10);
lesson.Show(split.Describe());

// ---- cell 55 ----
foreach (var worker in workers) { worker.Dispose(); }
foreach (var replay in new[] { work, live, watched }) { replay.Dispose(); } // the temporary inboxes and outputs
classifier.Dispose();
retrained.Dispose();
lesson.Show("done");

// ## Try it yourself
//
// 1. Set `windowMinutes` to 1 and then to 15 in the parameters cell and run the notebook again. How do the batch job's
//    mean and p99 waits move, and does its cost?
// 2. Set `realTimeMaxDelayMs` to 20 and run again. Do the real-time batches grow, and what does each email pay for it
//    in waiting?
// 3. The prediction before the batch job's waits (`myMeanWaitSeconds`): if you skipped it, set it now, run the
//    parameters cell, then run the check after the waits table.
// 4. Set `driftSharePerDay` to 0.4 (the new spam spreads half as fast) and run again. When does the agreement cross
//    `alertAgreement` now, and which alarm (agreement or confidence) fires first?
// 5. The prediction before the kills (`myLostOrRepeated`): set it, run the parameters cell, then run the check after
//    the audit.
//
// Worked solutions: [solutions/06-first-ai-workflow-solutions.ipynb](solutions/06-first-ai-workflow-solutions.ipynb).
lesson.Section("Try it yourself");

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. The five-minute job crashes in the middle of a run and is restarted. It: **a**) classifies the whole inbox again;
//    **b**) redoes at most the part that was not yet committed; **c**) skips the emails of the crashed run.
// 2. Emails arrive evenly and the job runs every 10 minutes instead of 5. What is the mean wait, in seconds?
// 3. A user is looking at the screen, waiting for the category of the email they just sent. Which path? **a**) real
//    time behind the dynamic batcher; **b**) the five-minute job; **c**) the provider's batch API.
lesson.Section("Check your understanding");

// ---- cell 58 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "results and the checkpoint are committed together, atomically; a restart starts from the last checkpoint, " +
    "so nothing is lost and nothing is classified twice."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: 600 / 2.0, relativeTolerance: 0.05,
    "the wait is spread evenly between 0 and the period T, so its mean is T/2 = 300 s."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "a",
    "only the real-time path answers within milliseconds; the job makes the user wait up to a window, " +
    "the batch API up to a day."));

// ## Summary
//
// - One trained model serves both ways: real time through a dynamic batcher (milliseconds, a machine up all day) or a
//   five-minute batch job (minutes; busy for seconds, but a machine started per run pays its start-up and the billing
//   minimum every time).
// - Many systems use both: urgent mail in real time, the rest in the next batch.
// - A batch job earns its keep only if it is restartable: atomic commits, a checkpoint, dead letters for bad input, and
//   one job per inbox. Run it as a worker service, and watch its metrics.
// - Mail drifts: a falling confidence is the alarm that needs no labels (it falls later and less than the agreement:
//   alert on a drop), and the nightly retraining is the batch job on the model's side.
// - The same work can go to an LLM provider's Batch API at half the real-time price when a day's wait is acceptable:
//   count its tokens first, and choose the path by the task's latency budget.
// - A batch can end half done (expired) and a request can fail on its own line: keep the batch ids, match answers by
//   `custom_id`, and send again only what is unfinished.
//
// ## What this changes in your workflow
lesson.Section("Summary");
lesson.Section("What this changes in your workflow");

// ---- cell 60 ----
lesson.Show(new InboxServiceAdvice(split, batchJob, audit, worst.OldestWaitingSeconds / 60, alarm, agreedAfter, estimate.PerDay,
    today.Count, ProviderBatches: roundTrip.Batches.Count, roundTrip.AnsweredTwice).Advice());

// ## References
//
// - OpenAI. *Batch API* (guide): 50 % discount, 24-hour completion window, 50,000 requests or 200 MB per file.
//   https://platform.openai.com/docs/guides/batch (prices and limits as listed on 2026-11-29).
// - Anthropic. *Batch processing* (Message Batches): 50 % discount, results within 24 hours, 100,000 requests or 256 MB
//   per batch. https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (as listed on 2026-11-29).
// - OpenAI. *tiktoken* (o200k_base is the encoding of gpt-4o and gpt-4o-mini). https://github.com/openai/tiktoken (read
//   2026-11-29); counted here with Microsoft.ML.Tokenizers 2.0.1.
//   https://www.nuget.org/packages/Microsoft.ML.Tokenizers
// - OpenAI. *Pricing* (gpt-4o-mini, real time and batch). https://openai.com/api/pricing/ (as listed on 2026-11-29).
// - FactualMinds. *Amazon EC2 On-Demand Pricing: Instance Families, Regional Multipliers, and the Graviton Crossover
//   (2026)* (m7g.large, Linux, us-east-1: $0.0816 an hour), 2026-06-17.
//   https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/
// - AWS. *Announcing Amazon EC2 per second billing* (Linux instances billed per second, minimum 60 seconds),
//   2017-10-02. https://aws.amazon.com/about-aws/whats-new/2017/10/announcing-amazon-ec2-per-second-billing/
// - Microsoft. *Worker services in .NET* (BackgroundService, hosting, graceful shutdown).
//   https://learn.microsoft.com/en-us/dotnet/core/extensions/workers (read 2026-12-02).
// - Microsoft. *.NET metrics* (System.Diagnostics.Metrics: counters, histograms, observable gauges; dotnet-counters).
//   https://learn.microsoft.com/en-us/dotnet/core/diagnostics/metrics (read 2026-12-02).
// - OpenTelemetry. *Semantic conventions for metrics* (instrument names and units).
//   https://opentelemetry.io/docs/specs/semconv/general/metrics/ (read 2026-12-02).
// - The Open Group. *getrlimit, setrlimit: RLIMIT_FSIZE* (POSIX: a write past the file-size limit fails with EFBIG;
//   SIGXFSZ). https://pubs.opengroup.org/onlinepubs/9799919799/functions/getrlimit.html (read 2026-12-02).
// - Gama, Žliobaitė, Bifet, Pechenizkiy, Bouchachia. *A survey on concept drift adaptation*, ACM Computing Surveys
//   46(4), 2014. https://doi.org/10.1145/2523813 (read 2026-12-02).
lesson.Section("References");

lesson.Finish();

// Lesson generated from notebooks/05-batch-vs-real-time-cost.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/05-batch-vs-real-time-cost.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/05-batch-vs-real-time-cost.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/05-batch-vs-real-time-cost.html.
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
using Microsoft.Extensions.AI;

var lesson = LessonConsole.Start("05-batch-vs-real-time-cost", "05 · Batch vs real time: cost and latency", args, ["seed", "emailsPerDay", "examplesInInstruction", "rateLimitPerSecond", "concurrentCallers", "myP95Seconds", "quiz1", "quiz2", "quiz3"]);

// # 05 · Batch vs real time: cost and latency
//
// **The question:** real time or batch: what does each cost me and how long will users wait? For the inbox of notebook
// 00, that is: classify each email as it arrives, or all the emails of the last five minutes together?
//
// The inbox receives emails all day, and each must be classified (work, personal, promotion, spam, support). You can
// classify **each email as it arrives** (**real time**) or **all emails of the last five minutes together** (a
// **batch**).
// This notebook puts a price and a **latency** (how long an email waits for its label) on both, from a dated price
// table, a real tokenizer and measurements on your machine.
//
// A language model reads and writes **tokens**, word pieces of about four characters of English on average; providers
// charge per million input tokens and per million output tokens,
// and a **tokenizer** is the program that cuts a text into one model's tokens. A provider's **batch API** (OpenAI's
// Batch API, Anthropic's Message Batches, Google's Batch Mode)
// takes a file of requests and returns a file of results within a **completion window** (24 hours for all three) at a
// lower price than answering each request at once.
//
// **You will learn to**
// 1. cost a language-model workload per day and per month, real time against a batch API, with tokens counted by the
//    model's tokenizer and every price's date and source;
// 2. send fewer, fuller requests (several emails per request) and see where the saving passes 50 %, and what packing
//    risks;
// 3. cost your own model from its measured end-to-end **throughput** (emails a second, from text to label) at a CPU
//    machine's hourly price, and find the volume where a rented machine beats paying per request;
// 4. predict the wait of a five-minute window by formula and check it by simulation, and decide per task between batch
//    and real time.
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
// notebooks/05-batch-vs-real-time-cost.ipynb --param emailsPerDay=2000000`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);               // drives the sample mail, the classifier's training and the simulated arrivals
int emailsPerDay = lesson.Parameter<int>("emailsPerDay", 20_000);     // the inbox's volume (Try it yourself, 1)
int examplesInInstruction = lesson.Parameter<int>("examplesInInstruction", 0); // labelled example emails in the instruction (0: the scenario's own prompt)
                               // (Try it yourself, 2)
int rateLimitPerSecond = lesson.Parameter<int>("rateLimitPerSecond", 100);  // the server's rate limit, requests a second (Try it yourself, 4)
int concurrentCallers = lesson.Parameter<int>("concurrentCallers", 8);     // callers sending requests at once, to the model server (Try it yourself, 4)
double? myP95Seconds = lesson.Parameter<double?>("myP95Seconds", null);   // your prediction: the p95 wait of a flush every 10 minutes, in seconds
                               // (Try it yourself, 3)
string quiz1 = lesson.Parameter<string>("quiz1", null);           // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);          // a number of seconds
string quiz3 = lesson.Parameter<string>("quiz3", null);           // "a", "b" or "c"

// ## The prices, and where they come from
//
// Prices change. Each row below is one model's price in US dollars per million input tokens and per million output
// tokens, in real time and through the batch API; it carries the date it was read and its source (the table ships in
// `data/prices/`; the References list the providers' pages).
// **You can edit them**: override a price or add a model in one line, for example
// `prices = prices.WithApiPrice(prices.Api("gpt-4o-mini") with { InputPerMillion = 0.20, Date = new DateOnly(2026, 12,
// 1), Source = "my quote" });`
lesson.Section("The prices, and where they come from");

// ---- cell 5 ----
var prices = PriceTable.Default;
lesson.Show(prices.ApiPrices.ToDataFrame());

// ---- cell 6 ----
lesson.Show(prices.BatchTerms.ToDataFrame());
lesson.Show(RealTimeOrBatchReport.PriceBasis(prices));

// ## The workload
//
// These are the scenario's inputs: change them to your own. The request is the course's one classification prompt
// (`ClassificationPrompt`, also used by notebook 06 and by its provider batch files):
// a fixed instruction naming the five categories, then the email. Tokens are **counted, not estimated**: the o200k_base
// tokenizer (Microsoft.ML.Tokenizers) is the encoding of gpt-4o and gpt-4o-mini, so
// their counts are exact; Claude and Gemini use other tokenizers, so for them the same counts are an approximation. The
// sample is the day of 20,000 emails that notebook 06 serves.
lesson.Section("The workload");

// ---- cell 8 ----
var mail = EmailGenerator.Day(20_000, new DateOnly(2026, 3, 10), seed: seed + 2); // the day notebook 06 serves
var counted = ClassificationTokens.Measure(mail, TokenCounter.ForModel("gpt-4o-mini"));
var workload = counted.Workload(emailsPerDay);
lesson.Show(RealTimeOrBatchReport.Tokens(counted, new DateOnly(2026, 3, 10)));

// ---- cell 9 ----
var costs = ApiCostCalculator.Compare(prices, workload,
    "gpt-4o-mini", "gpt-4.1-mini", "claude-haiku-4.5", "gemini-2.5-flash-lite");
lesson.Show(costs.Select(c => new
{
    c.Model, c.Mode, c.PerThousandRequests, c.PerMonth,
    BatchPrice = c.Mode == ProcessingMode.Batch ? prices.Api(c.Model).BatchPriceBasis : "",
    Tokens = TokenCounter.ForModel(c.Model).IsExact ? "exact (o200k_base)" : "o200k_base approximation",
    c.PriceDate,
}).ToDataFrame());

// ---- cell 10 ----
var mini = costs.Where(c => c.Model == "gpt-4o-mini").ToList(); // real time, then batch
lesson.Show(RealTimeOrBatchReport.MonthlyBill(mini[0], mini[1], prices.Api("gpt-4o-mini"), prices.Terms("OpenAI")));

// With one email per request the batch API's saving is exactly the provider's discount, a computation from the price
// table, not a measurement.
// The course brief says batch processing "can reduce API costs by fifty per cent or more". The "or more" needs a second
// lever: **fewer, fuller requests**.
//
// ## Fewer, fuller requests
//
// The instruction is paid with every request. Put k emails in one request (numbered, answered one line each: `1: Spam`,
// `2: Work`, ...) and it is paid once per k.
// This is priced on the scenario's own prompt (`examplesInInstruction` = 0: the instruction alone). Real prompts often
// carry labelled examples to guide the model, which makes the instruction long and packing worth more (Try it yourself,
// 2).
// The sentence under the chart keeps packing's saving apart from the batch API's: what packing saves on its own in real
// time, what the batch API saves on its own, and what they save together.
// Below, every request of a 2,000-email sample is built and counted for k = 1, 2, 5, 10 and 20 (input: instruction and
// emails; output: the right answer).
lesson.Section("Fewer, fuller requests");

// ---- cell 12 ----
var sample = mail.Take(2_000).ToList();
var examples = EmailGenerator.Day(Math.Max(examplesInInstruction, 1), new DateOnly(2026, 3, 9), seed: seed + 1)
    .Take(examplesInInstruction).ToList();
var packedTokens = PackedClassificationPrompt.MeasureTokens(sample, TokenCounter.ForModel("gpt-4o-mini"),
    [1, 2, 5, 10, 20], examples);
var packing = PackingCost.Compare(prices.Api("gpt-4o-mini"), packedTokens);
lesson.Show(packing.ToDataFrame());
lesson.Show(packing.ToChart("gpt-4o-mini"));

// ---- cell 13 ----
lesson.Show(PackingCost.Describe(packing, packedTokens[0].InstructionTokens, examplesInInstruction, prices.Api("gpt-4o-mini")));

// Packing has a price. The answer is longer and must be parsed; a model may skip a line, number one twice or ramble,
// and then the labels of that request cannot be trusted:
// the library refuses the **whole request** and its k emails must be sent again (so one failure costs k emails, not
// one). Other requests are not affected. Three requests of three emails, the second answered badly:

// ---- cell 15 ----
var answers = new[] { "1: spam\n2: work\n3: support", "1: spam\n3: work", "1: Personal\n2: promotions\n3: Spam" };
lesson.Show(answers.Select((a, r) => (Answer: a, Parsed: PackedClassificationPrompt.Parse(a, 3)))
    .SelectMany((x, r) => x.Parsed.Categories.Select((c, i) => new
    {
        Request = r + 1, Email = r * 3 + i + 1,
        Category = c?.ToString() ?? "(send again)", Error = x.Parsed.Error ?? "",
    }))
    .ToDataFrame());

// ## Prompt caching: when the instruction is long
//
// Providers also discount a prompt's fixed start, the instruction, when it repeats: **prompt caching**. The first
// request writes the instruction's processed form to a cache,
// and later requests within the cache's lifetime (minutes to an hour) read it at a fraction of the input price. Each
// provider sets its own rules, in `data/prices/prompt-caching.csv` with their dates and sources:
// - only a prompt start of at least a **minimum length** is cached: 1,024 tokens for OpenAI's models, 4,096 for Claude
//   Haiku 4.5, 2,048 for Gemini on Vertex AI (the rules used here for Gemini; the Gemini API's may differ); a shorter
//   one pays the full input price;
// - a cached token costs 10 % to 50 % of an input token, and Anthropic charges 1.25 times the input price for writing
//   the cache (5-minute lifetime);
// - with the batch API, the discounts **stack** at Anthropic (a cached token in a batch costs half the cached price),
//   the cache discount **replaces** the batch one on cached tokens on Vertex AI, and OpenAI's prompt-caching FAQ says
//   batch requests get **no** cache discount (check the provider's page: these rules change).
//
// Below, the scenario's instruction and one with 80 labelled examples, each counted with the tokenizer and priced one
// email per request for four models by their rules
// (`PromptCachingCost`, in the steady state where the cache stays warm; the occasional cache write is left out):
lesson.Section("Prompt caching: when the instruction is long");

// ---- cell 17 ----
var manyExamples = EmailGenerator.Day(80, new DateOnly(2026, 3, 9), seed: seed + 1).ToList();
var counter = TokenCounter.ForModel("gpt-4o-mini");
PackedTokens OneEmailEach(int examples) =>
    PackedClassificationPrompt.MeasureTokens(sample, counter, [1], manyExamples.Take(examples).ToList())[0];
var caching = PromptCachingCost.Compare(prices, [OneEmailEach(0), OneEmailEach(80)],
    "gpt-4o-mini", "gpt-4.1-mini", "claude-haiku-4.5", "gemini-2.5-flash-lite");
lesson.Show(caching.ToDataFrame());
lesson.Show(PromptCachingCost.Describe(caching));

// ## Your own model: cost from measured throughput
//
// Instead of an API you can run a small classifier yourself: the course's `EmailClassifier`. It turns each email into
// **hashed-word features**
// (every word and pair of neighbouring words is hashed to one of 4,096 positions and counted there: a fixed-length
// vector, with no vocabulary to store),
// then a small network maps them 4,096 → 128 → 5 (one score per category). It is trained here for one **epoch** (one
// pass over the training mail) on 2,000 emails
// with **Adam** (a common training method: it nudges every weight to reduce the errors, adapting each weight's step
// size); accuracy is not the point here, speed is. The benchmark times the **whole path** a request takes, text →
// features → network → label, at each batch size,
// repeating each point for at least 0.2 s and taking the median call: a profile, one size after another. Whether
// batches beat one at a time
// is then judged the way the course judges every comparison: one at a time against batches of 256, interleaved round
// after round beside a reference task
// (the `ArrivalRace` of 00-first-workflow).
lesson.Section("Your own model: cost from measured throughput");

// ---- cell 19 ----
var (ownModel, _) = EmailClassifier.Train(EmailGenerator.Day(2_000, new DateOnly(2026, 3, 2), seed: seed),
    new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.001)) { Seed = seed });
var throughput = ClassifierBenchmark.MeasureEndToEnd(ownModel, sample, [1, 16, 256, 1024]);
lesson.Show(throughput.ToDataFrame());

// ---- cell 20 ----
var one = throughput.First(t => t.BatchSize == 1);
var best = throughput.MaxBy(t => t.ItemsPerSecond)!;
var cpu = prices.Cpu("m7g.large");
var machine = cpu.AsHourlyPrice();

// ---- cell 21 ----
var race = ArrivalRace.Run(ownModel, sample.Take(512).ToList(), batchSize: 256, rounds: 9); // interleaved
var endToEnd = ArrivalRaceFindings.EndToEnd(race);
lesson.Show(endToEnd);
lesson.Show(RealTimeOrBatchReport.OwnModelPrice(cpu, throughput, emailsPerDay, endToEnd));

// Two approximations stand behind that price: your machine is not the priced one (its CPU may be faster or slower; the
// priced m7g.large is an Arm machine), and it assumes the machine is kept busy.
// A GPU (graphics processor: a chip rented by the hour that does far more arithmetic at once than a CPU) would only
// matter as a **what-if**, with a GPU's own measured throughput, never this CPU's. For a published GPU example, the
// optimisation guide of NVIDIA's Triton (an inference server) reports 73.4 inferences/s (an **inference** is one run of
// a trained model on one input) without batching and 272/s with its **dynamic batcher** (which holds requests for a few
// milliseconds to run them together, notebook 04);
// at a what-if price of $3.00 an hour that is about $0.0114 against $0.0031 per 1,000 (formula: 1000 × price per hour /
// (3600 × throughput × utilisation), where utilisation is the share of the hour the GPU is busy):

// ---- cell 23 ----
var example = new GpuPrice("example GPU", "$3.00 an hour (worked example)", 3.00, new DateOnly(2026, 11, 29),
    "NVIDIA Triton optimisation guide (worked example)");
lesson.Show(new[]
{
    GpuCostCalculator.Estimate(example, 73.4, 1.0, emailsPerDay),
    GpuCostCalculator.Estimate(example, 272, 1.0, emailsPerDay),
}.ToDataFrame());

// ## Calling a model for real: one email per request, ten per request, or one batch file
//
// Everything priced so far is arithmetic on counted tokens. Now the same mail goes to a model over HTTP, in the three
// ways a program can send it, and the run counts what comes back.
// The model is the classifier you just trained, served by the course's **inference server**
// (`src/BatchLearning.Server`): a small ASP.NET Core program that answers OpenAI's
// chat-completions API, as vLLM or Ollama do for their models, and OpenAI's Batch API, on 127.0.0.1. No key is needed,
// no call leaves your machine and nothing is billed.
// The server counts the prompt's tokens with OpenAI's tokenizer for gpt-4o-mini (o200k_base), as this notebook counted
// them above (OpenAI also bills a few tokens per message for the chat
// format, left out here), so pricing them at gpt-4o-mini's rates says about what the same traffic would cost there; the
// times are your machine's, not a provider's.
//
// The calls are ordinary C#: an `IChatClient` (Microsoft.Extensions.AI, .NET's common interface to chat models) over
// the official OpenAI SDK. The SDK's own retries are off;
// a Polly retry policy (Microsoft.Extensions.Http.Resilience) retries each 429 after the `Retry-After` the server
// sends. Pointing the same code at OpenAI means another base URL and your key
// (README, "The inference server"). Providers cap the requests **and** the tokens sent per minute (OpenAI per
// organization and project) and answer **429 Too Many Requests** beyond a cap;
// the server applies a request cap of `rateLimitPerSecond` requests per one-second window (a one-minute window shrunk,
// so the run meets it in seconds).
lesson.Section("Calling a model for real: one email per request, ten per request, or one batch file");

// ---- cell 25 ----
var served = Path.Combine(Path.GetTempPath(), "batchlearning-05-" + Guid.NewGuid().ToString("N")[..8]);
ownModel.Save(Path.Combine(served, "model")); // the server loads the classifier trained above
var server = await InferenceServerProcess.StartAsync(new InferenceServerSettings(Path.Combine(served, "model"))
{   // the setting counts requests per window; with a window of one second it is a limit per second
    MoreArguments = ["--RequestsPerMinute", rateLimitPerSecond.ToString(), "--RateLimitWindow", "00:00:01"],
});
lesson.Show(new { Address = server.BaseUrl.ToString(), RequestsPerSecond = rateLimitPerSecond }); // its address and limit

// ---- cell 26 ----
IChatClient chat = OpenAiCompatibleChat.Create(server.BaseUrl, "batchlearning-email");
var asked = sample[0];
var reply = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, ClassificationPrompt.System),
    new ChatMessage(ChatRole.User, ClassificationPrompt.User(asked))]);
lesson.Show(ModelCallReport.DescribeOneCall(asked.Subject, reply.Text, reply.Usage?.InputTokenCount, reply.Usage?.OutputTokenCount));

// Now 300 emails, three ways: **one per request** from `concurrentCallers` callers at once (as a web service's request
// threads would send them), **ten per request**
// (the numbered prompt above, without examples), and **one batch file** (upload, create, poll, download; results
// matched to emails by `custom_id`). Each way starts with the whole rate limit to itself.
// The table counts requests, HTTP attempts (a 429 and its retry are two), the tokens each answer's `usage` billed, the
// time from sending an email to getting its category
// (median and p99), the wall time, and the cost at gpt-4o-mini's prices: real-time rates for the two chat ways, batch
// rates for the file.

// ---- cell 28 ----
var callOptions = new ModelCallOptions("batchlearning-email", Path.Combine(served, "batch"))
{
    ConcurrentCallers = concurrentCallers, EmailsPerRequest = 10, PauseBetweenPaths = TimeSpan.FromSeconds(1.5),
};
var calls = await ModelCallComparison.RunAsync(server.BaseUrl, sample.Take(300).ToList(),
    prices.Api("gpt-4o-mini"), callOptions);
lesson.Show(calls.Select(c => new { c.Path, c.Emails, c.Classified, c.Requests, c.HttpAttempts, c.RateLimited, c.InputTokens,
    c.OutputTokens, MedianMs = Math.Round(c.MedianLatencyMs), P99Ms = Math.Round(c.P99LatencyMs),
    WallSeconds = Math.Round(c.WallSeconds, 2), CostPer1000Emails = Math.Round(c.CostPerThousandEmails, 4) })
    .ToDataFrame());

// ---- cell 29 ----
lesson.Show(ModelCallReport.DescribeRateLimits(calls));

// **Reading the table.** A 429 costs the caller time, not money: a refused request is not billed, and the retry waits
// as long as the server's `Retry-After` asks,
// which is why a rate-limited path's p99 and wall time grow while its cost does not. Ten emails per request send a
// tenth of the requests, so a request cap passes ten times the mail;
// a token cap passes only as much more as packing saves tokens. The instruction is paid once per request instead of
// once per email, but the numbered answer is longer: the sentence above
// gives the net saving, beside the batch API's discount, which comes from the provider's price list, not from anything
// the request does. The batch file pays for its discount in waiting:
// the sentence gives its wall time here, where the server runs the file at once; a provider promises only 24 hours.

// ---- cell 31 ----
chat.Dispose();
var serverExit = await server.StopAsync(); // SIGTERM: the server finishes what it holds and exits
Directory.Delete(served, recursive: true);
lesson.Show(InferenceServerProcess.DescribeExit(serverExit));

// ### When does a dedicated machine beat paying per request?
//
// A machine rented around the clock costs the same whatever it processes; an API costs per request. Above some daily
// volume the machine wins, provided it can keep up.
// The two are **not equivalent**: a small classifier trained on your own labelled mail does one narrow job; a general
// language model follows any instruction, needs no training data and
// may label unusual mail better. The comparison says what the small model saves if it is good enough for the task.

// ---- cell 33 ----
var perRequest = mini[0].PerRequest;
var breakEven = BreakEven.DedicatedGpuVersusApi(machine, best.ItemsPerSecond, perRequest);
lesson.Show(RealTimeOrBatchReport.BreakEven(cpu, breakEven, emailsPerDay, "gpt-4o-mini"));

// ---- cell 34 ----
double[] volumes = [1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000];
lesson.Show(CostSensitivity.OverVolume(prices.Api("gpt-4o-mini"), workload, volumes, (machine, best.ItemsPerSecond))
    .ToChart("Monthly cost against emails a day", "emails a day"));

// ---- cell 35 ----
double[] emailTokens = [50, 100, 200, 400, 800, 1600];
lesson.Show(CostSensitivity.OverInputTokens(prices.Api("gpt-4o-mini"), workload, emailTokens)
    .ToChart("Monthly cost against email length (instruction of " + Math.Round(workload.FixedPromptTokens)
        + " tokens unchanged)",
        "tokens per email"));

// **Predict before you read on** (Try it yourself, 3): if the team accepts results **within 10 minutes** and the job
// flushes every 10 minutes (T = 600 s), what is the p95 wait,
// the wait that 95 % of emails stay under? Set `myP95Seconds` (in seconds) in the parameters cell and run the next cell
// to put it on record; the simulation below checks it.

// ---- cell 37 ----
lesson.Show(Exercise.Prediction(nameof(myP95Seconds), myP95Seconds));

// ## Latency: what "every five minutes" costs in waiting
//
// Classify every five minutes (a periodic **flush**, processing everything collected so far, every T = 300 s) and an
// email waits from its arrival until the next flush: a uniform wait between 0 and T,
// so the mean is T/2, the p95 0.95 T and the **p99** (the wait 99 % of emails stay under) 0.99 T (the wait is spread
// evenly between 0 and T). Below, a seeded simulation of 100,000 emails arriving at random
// (a Poisson stream at this workload's average rate; the first 1 % are left out of the statistics as a warm-up, so its
// Requests column counts 99,000) checks the formulas, with the batch's own processing time taken from the measured
// throughput.
lesson.Section("Latency: what \"every five minutes\" costs in waiting");

// ---- cell 39 ----
var ratePerSecond = emailsPerDay / 86_400.0;
var service = new ServiceTime.Linear(FixedSeconds: best.MillisecondsPerCall / 1000,
    PerItemSeconds: 1 / best.ItemsPerSecond);
var fiveMinutes = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(ratePerSecond),
    new BatchingPolicy.PeriodicFlush(300), service) { Seed = seed });
var realTime = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(ratePerSecond),
    new BatchingPolicy.None(), new ServiceTime.Linear(one.MillisecondsPerCall / 1000, 0)) { Seed = seed });
lesson.Show(new[] { fiveMinutes, realTime }.ToDataFrame());

// ---- cell 40 ----
lesson.Show(RealTimeOrBatchReport.PeriodicAgainstRealTime(fiveMinutes, realTime, periodSeconds: 300, ratePerSecond));

// ---- cell 41 ----
lesson.Show(WindowSweep.PeriodicFlush(ratePerSecond, [60, 120, 300, 600, 900], service).ToChart());

// ## Deciding per task
//
// What decides is how late a result may be. The budgets below are examples: edit them to your own requirements. The
// rule: if the budget covers the batch API's
// completion window, take the discount; if it covers at least a minute, flush periodically with a period whose p99 wait
// fits; otherwise, real time.
lesson.Section("Deciding per task");

// ---- cell 43 ----
var openAi = prices.Terms("OpenAI");
var decisions = new[]
{
    ProcessingDecision.Decide("nightly report generation", TimeSpan.FromHours(24), openAi),
    ProcessingDecision.Decide("bulk document classification", TimeSpan.FromDays(2), openAi),
    ProcessingDecision.Decide("email triage (this notebook)", TimeSpan.FromMinutes(5), openAi),
    ProcessingDecision.Decide("periodic data analysis", TimeSpan.FromHours(1), openAi),
    ProcessingDecision.Decide("chatbot reply", TimeSpan.FromSeconds(2), openAi),
    ProcessingDecision.Decide("live fraud detection", TimeSpan.FromMilliseconds(100), openAi),
    ProcessingDecision.Decide("voice assistant", TimeSpan.FromMilliseconds(300), openAi),
};
lesson.Show(decisions.ToDataFrame());

// ## Try it yourself
//
// 1. Set `emailsPerDay` to 2,000 and then to 2,000,000 in the parameters cell and run the notebook again. Where does
//    the rented machine start to pay?
// 2. Set `examplesInInstruction` to 2 and then to 10. How does the instruction's length change what packing saves, and
//    where does the saving pass 50 %?
// 3. The prediction before the latency section (`myP95Seconds`): if you skipped it, set it now and run the check below.
// 4. Set `rateLimitPerSecond` to 1000, then set it back and `concurrentCallers` to 1. Which of the three ways of
//    calling the model meets 429s in each run, and what happens to the one-by-one path's wall time?
//
// Worked solutions:
// [solutions/05-batch-vs-real-time-cost-solutions.ipynb](solutions/05-batch-vs-real-time-cost-solutions.ipynb).
lesson.Section("Try it yourself");

// ---- cell 45 ----
var tenMinutes = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(ratePerSecond),
    new BatchingPolicy.PeriodicFlush(600), service) { Seed = seed });
lesson.Show(Exercise.Check(nameof(myP95Seconds), myP95Seconds,
    measured: LatencyFormulas.PeriodicFlushWaitQuantile(600, 0.95), relativeTolerance: 0.02,
    RealTimeOrBatchReport.ExplainP95(tenMinutes, periodSeconds: 600)));

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. A provider's batch discount applies to: **a**) input tokens only; **b**) input and output tokens; **c**) the
//    number of requests.
// 2. A flush every T = 300 s: what is the p99 wait, in seconds?
// 3. A task must answer within 2 seconds. Which processing? **a**) a provider's batch API; **b**) a batch every five
//    minutes; **c**) real time (perhaps behind a dynamic batcher).
lesson.Section("Check your understanding");

// ---- cell 47 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "the batch price list halves both the input and the output price per token (see the price table above); " +
    "the number of requests is not what is billed."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: LatencyFormulas.PeriodicFlushWaitQuantile(300, 0.99),
    relativeTolerance: 0.005,
    "the wait is spread evenly between 0 and T, so 99 % of emails wait less than 0.99 T = 297 s " +
    "(300 s, the window itself, is the longest any email waits: the p100, not the p99)."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "c",
    "a batch window of minutes or a completion window of up to a day cannot meet a 2-second budget; " +
    "real time can, and a dynamic batcher keeps it efficient."));

// ## Summary
//
// - Count tokens with the model's tokenizer (o200k_base for gpt-4o and gpt-4o-mini; an approximation for other
//   providers) and say which batch prices are published and which are derived from a stated discount.
// - With one item per request a batch API saves exactly its discount; packing several items per request pays the
//   instruction once per request and can take the saving further, at the risk of losing a whole request to one bad
//   answer.
// - Prompt caching discounts a repeated instruction only from each provider's minimum length (1,024 to 4,096 tokens for
//   the models here), and it meets the batch discount differently per provider: price it from their rules, never assume
//   it.
// - Your own model's cost follows its measured end-to-end throughput at the hourly price of the machine it was measured
//   on (or one like it); a five-minute window makes an email wait T/2 on average and 0.99 T at the p99.
// - Decide per task from its latency budget: a day or more, batch API; minutes, periodic batches; under a minute, real
//   time.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// What to do with a workload like the inbox's, from the prices and numbers of your run:
lesson.Section("What this changes in your workflow");

// ---- cell 50 ----
var triage = decisions.Single(d => d.Task.StartsWith("email triage", StringComparison.Ordinal));

// ---- cell 51 ----
lesson.Show(new RealTimeOrBatchAdvice(triage, openAi, emailsPerDay, mini[0], mini[1], packing, packedTokens[0].InstructionTokens,
    cpu, breakEven, fiveMinutes, realTime).Advice());

// ## References
//
// - OpenAI. *Pricing* and *Batch API* guide (batch: 50 % off input and output tokens, 24-hour window).
//   https://openai.com/api/pricing/ and https://platform.openai.com/docs/guides/batch (prices as listed on 2026-11-29).
// - Anthropic. *Pricing* and *Batch processing* (Message Batches: 50 % off).
//   https://docs.anthropic.com/en/docs/about-claude/pricing and
//   https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (as listed on 2026-11-29).
// - Google. *Gemini API pricing* and *Batch Mode* (50 % of the standard price).
//   https://ai.google.dev/gemini-api/docs/pricing and https://ai.google.dev/gemini-api/docs/batch-mode (as listed on
//   2026-11-29).
// - OpenAI. *Prompt caching* guide ("enabled automatically for prompts that are 1024 tokens or longer"; its FAQ said
//   cache discounts are not available on the Batch API). https://platform.openai.com/docs/guides/prompt-caching (read
//   2026-12-07).
// - Anthropic. *Pricing* (cache writes 1.25x and cache hits 0.1x the input price; "These multipliers stack with other
//   pricing modifiers, including the Batch API discount") and *Prompt caching* (minimum cacheable length 4,096 tokens
//   for Claude Haiku 4.5). https://platform.claude.com/docs/en/about-claude/pricing and
//   https://platform.claude.com/docs/en/build-with-claude/prompt-caching (read 2026-12-07).
// - Google Cloud. *Context cache overview* (Vertex AI: "a minimum of 2,048 tokens") and *Batch prediction* ("the
//   discounts for cache and batch don't stack").
//   https://cloud.google.com/vertex-ai/generative-ai/docs/context-cache/context-cache-overview and
//   https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini (read 2026-12-07).
// - OpenAI. *tiktoken* (o200k_base is the encoding of gpt-4o and gpt-4o-mini). https://github.com/openai/tiktoken (read
//   2026-11-29); Microsoft. *Microsoft.ML.Tokenizers* 2.0.1 with *Microsoft.ML.Tokenizers.Data.O200kBase* 2.0.1.
//   https://www.nuget.org/packages/Microsoft.ML.Tokenizers
// - FactualMinds. *Amazon EC2 On-Demand Pricing: Instance Families, Regional Multipliers, and the Graviton Crossover
//   (2026)* (m7g.large, Linux, us-east-1: $0.0816 an hour), 2026-06-17.
//   https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/
// - AWS. *Announcing Amazon EC2 per second billing* (Linux instances billed per second, minimum 60 seconds),
//   2017-10-02. https://aws.amazon.com/about-aws/whats-new/2017/10/announcing-amazon-ec2-per-second-billing/
// - NVIDIA. *Triton Inference Server: Optimization* (73.4 inferences/s without batching, 272 with the dynamic batcher).
//   https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/optimization.html (read
//   2026-11-29).
lesson.Section("References");

lesson.Finish();

using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Serving;
using BatchLearning.Training;

namespace BatchLearning.Server;

/// <summary>
/// The course's TorchSharp email classifier as the server runs it: chat completions go through a <see cref="DynamicBatcher{TInput, TOutput}"/>
/// (one request, of one or k emails, is one batcher item; a batch's emails go through one forward pass), and the Batch API calls <see cref="Classify"/>
/// with its own large chunks. One lock keeps the two from running the network at the same time.
/// </summary>
internal sealed class ServedClassifier : IAsyncDisposable
{
    private readonly Lock _model = new();
    private readonly EmailClassifier _classifier;
    private long _forwardPasses;
    private long _emails;

    public ServedClassifier(EmailClassifier classifier, InferenceServerOptions options)
    {
        _classifier = classifier;
        Tokens = TokenCounter.ForEncoding(TokenCounter.O200kBase, options.ContextTokens);
        Batcher = new DynamicBatcher<EmailMessage[], EmailCategory[]>(ClassifyRequests, new DynamicBatcherOptions(options.MaxBatchSize, options.MaxBatchDelay));
    }

    /// <summary>Groups concurrent chat completions into model batches; its metrics hold the batch sizes it formed (in requests).</summary>
    public DynamicBatcher<EmailMessage[], EmailCategory[]> Batcher { get; }

    /// <summary>Counts prompt and answer tokens in o200k_base, as the providers bill, and refuses prompts above <see cref="InferenceServerOptions.ContextTokens"/>.</summary>
    public TokenCounter Tokens { get; }

    /// <summary>Forward passes run so far (chat batches and Batch API chunks).</summary>
    public long ForwardPasses => Interlocked.Read(ref _forwardPasses);

    /// <summary>Emails classified so far.</summary>
    public long Emails => Interlocked.Read(ref _emails);

    /// <summary>
    /// Loads the classifier saved in <see cref="InferenceServerOptions.Model"/>, or, when none is given, trains one on synthetic mail
    /// (3,000 emails over 5 days, 3 epochs of Adam 0.001 in batches of 64, seed 2026, as <c>inbox train</c> does).
    /// </summary>
    public static (EmailClassifier Classifier, string Description) Open(InferenceServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Model))
        {
            return (EmailClassifier.Load(options.Model), $"loaded from {Path.GetFullPath(options.Model)}");
        }

        var clock = Stopwatch.StartNew();
        var emails = EmailGenerator.SeveralDays(3_000, new DateOnly(2026, 1, 5), days: 5, seed: 2026);
        var test = EmailGenerator.Day(500, new DateOnly(2026, 2, 2), seed: 7);
        var (classifier, run) = EmailClassifier.Train(emails, new TrainingOptions(64, TrainingBudget.OfEpochs(3), OptimizerSettings.Adam(0.001)), test);
        return (classifier, $"trained on {emails.Count:N0} synthetic emails in {clock.Elapsed.TotalSeconds:0.0} s, test accuracy {run.Final!.TestAccuracy:P1}");
    }

    /// <summary>The category of every email, in one forward pass per <paramref name="batchSize"/> emails.</summary>
    public IReadOnlyList<EmailCategory> Classify(IReadOnlyList<EmailMessage> emails, int batchSize)
    {
        if (emails.Count == 0)
        {
            return [];
        }

        lock (_model)
        {
            var categories = _classifier.Classify(emails, batchSize);
            Interlocked.Add(ref _forwardPasses, (emails.Count + batchSize - 1) / batchSize);
            Interlocked.Add(ref _emails, emails.Count);
            return categories;
        }
    }

    /// <summary>Drains the batcher, then frees the network.</summary>
    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync().ConfigureAwait(false);
        _classifier.Dispose();
    }

    // The batcher's function: every request's emails in one forward pass, the answers split back per request.
    private IReadOnlyList<EmailCategory[]> ClassifyRequests(IReadOnlyList<EmailMessage[]> requests)
    {
        var all = requests.SelectMany(r => r).ToList();
        var categories = Classify(all, Math.Max(1, all.Count));
        var answers = new EmailCategory[requests.Count][];
        var next = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            answers[i] = [.. categories.Skip(next).Take(requests[i].Length)];
            next += requests[i].Length;
        }

        return answers;
    }
}

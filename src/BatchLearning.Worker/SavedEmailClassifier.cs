using BatchLearning.Email;
using Microsoft.Extensions.Options;

namespace BatchLearning.Worker;

/// <summary>The library's <see cref="EmailClassifier"/>, loaded from <see cref="InboxWorkerOptions.Model"/> at its first use (after the settings are checked).</summary>
public sealed class SavedEmailClassifier(IOptions<InboxWorkerOptions> options) : IEmailBatchClassifier, IDisposable
{
    private readonly Lazy<EmailClassifier> _classifier = new(() => EmailClassifier.Load(options.Value.Model!));

    /// <summary>Loads the classifier now (the worker calls this at start-up, so a damaged model stops it before the first run).</summary>
    public void Load() => _ = _classifier.Value;

    /// <inheritdoc />
    public IReadOnlyList<EmailPrediction> Predict(IReadOnlyList<EmailMessage> emails) => _classifier.Value.Predict(emails, options.Value.BatchSize);

    /// <summary>Frees the network, when it was loaded.</summary>
    public void Dispose()
    {
        if (_classifier.IsValueCreated)
        {
            _classifier.Value.Dispose();
        }
    }
}

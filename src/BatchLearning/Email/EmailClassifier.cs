using System.Globalization;
using System.Text.Json;
using BatchLearning.Data;
using BatchLearning.Inference;
using BatchLearning.Runtime;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Email;

/// <summary>
/// The course's email classifier: <see cref="TextFeaturizer"/> vectors into a small MLP (inputs -> hidden -> 5 categories), trained with the
/// library's trainer in mini-batches. It classifies whole batches at once; save it to a folder and load it in another process (the batch job).
/// </summary>
public sealed class EmailClassifier : IDisposable
{
    private const string ModelFile = "model.bin";
    private const string SettingsFile = "classifier.json";
    private readonly nn.Module<Tensor, Tensor> _model;

    private EmailClassifier(TextFeaturizer featurizer, int hidden, nn.Module<Tensor, Tensor> model)
    {
        Featurizer = featurizer;
        Hidden = hidden;
        _model = model;
    }

    /// <summary>How emails become vectors.</summary>
    public TextFeaturizer Featurizer { get; }

    /// <summary>Hidden units of the MLP.</summary>
    public int Hidden { get; }

    /// <summary>The network itself (for profiling and serving).</summary>
    public nn.Module<Tensor, Tensor> Model => _model;

    /// <summary>Trains a classifier on labelled emails.</summary>
    /// <param name="emails">Emails with <see cref="EmailMessage.Category"/> set, at least 2.</param>
    /// <param name="options">Batch size, budget, optimiser (for example Adam 0.001, 64 per batch, 5 epochs).</param>
    /// <param name="test">Optional held-out labelled emails, evaluated each epoch.</param>
    /// <param name="featurizer">The featurizer; defaults to 4,096 buckets.</param>
    /// <param name="hidden">Hidden units, from 1 to 100,000; defaults to 128.</param>
    /// <param name="progress">Optional training progress.</param>
    /// <returns>The classifier and its training run.</returns>
    /// <exception cref="ArgumentException">An email without a category, or no emails.</exception>
    public static (EmailClassifier Classifier, TrainingRun Run) Train(
        IReadOnlyList<EmailMessage> emails,
        TrainingOptions options,
        IReadOnlyList<EmailMessage>? test = null,
        TextFeaturizer? featurizer = null,
        int hidden = 128,
        IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hidden, 100_000);
        featurizer ??= new TextFeaturizer();
        using var trainSet = LabelledSet(emails, featurizer, nameof(emails));
        using var testSet = test is null ? null : LabelledSet(test, featurizer, nameof(test));
        TorchRuntime.Seed(options.Seed);
        var model = Network(featurizer.Dimensions, hidden);
        var run = Trainer.Train(model, nn.CrossEntropyLoss(), trainSet, testSet, options, progress);
        return (new EmailClassifier(featurizer, hidden, model), run);
    }

    /// <summary>The category of every email, computed in batches of <paramref name="batchSize"/>, in input order.</summary>
    /// <param name="emails">The emails (categories, if set, are ignored).</param>
    /// <param name="batchSize">Emails per forward pass, at least 1; defaults to 256.</param>
    public IReadOnlyList<EmailCategory> Classify(IReadOnlyList<EmailMessage> emails, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        TextFeaturizer.CheckReadable(emails); // positions counted over all emails, not within a batch
        // Featurized one batch at a time, so memory follows the batch size, not the number of emails.
        var categories = new List<EmailCategory>(emails.Count);
        for (var start = 0; start < emails.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = new List<EmailMessage>(Math.Min(batchSize, emails.Count - start));
            for (var i = start; i < Math.Min(start + batchSize, emails.Count); i++)
            {
                batch.Add(emails[i]);
            }

            var classes = BatchPredictor.Predict(_model, Featurizer.Featurize(batch), batchSize).argmax(1).cpu().data<long>().ToArray();
            categories.AddRange(classes.Select(c => (EmailCategory)c));
        }

        return categories;
    }

    /// <summary>
    /// The category of every email with the classifier's confidence and the probability of each category (softmax of the network's outputs),
    /// computed in batches of <paramref name="batchSize"/>, in input order. The categories are those <see cref="Classify"/> gives.
    /// </summary>
    /// <param name="emails">The emails (categories, if set, are ignored).</param>
    /// <param name="batchSize">Emails per forward pass, at least 1; defaults to 256.</param>
    public IReadOnlyList<EmailPrediction> Predict(IReadOnlyList<EmailMessage> emails, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        TextFeaturizer.CheckReadable(emails);
        var categories = Enum.GetValues<EmailCategory>().Length;
        var predictions = new List<EmailPrediction>(emails.Count);
        for (var start = 0; start < emails.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = new List<EmailMessage>(Math.Min(batchSize, emails.Count - start));
            for (var i = start; i < Math.Min(start + batchSize, emails.Count); i++)
            {
                batch.Add(emails[i]);
            }

            var probabilities = nn.functional.softmax(BatchPredictor.Predict(_model, Featurizer.Featurize(batch), batchSize), 1).to(float64).cpu().data<double>().ToArray();
            for (var row = 0; row < batch.Count; row++)
            {
                var p = probabilities.AsSpan(row * categories, categories).ToArray();
                var best = 0;
                for (var c = 1; c < categories; c++)
                {
                    if (p[c] > p[best])
                    {
                        best = c;
                    }
                }

                predictions.Add(new EmailPrediction((EmailCategory)best, p[best], p));
            }
        }

        return predictions;
    }

    /// <summary>Classifies labelled emails and compares with their true categories.</summary>
    /// <exception cref="ArgumentException">An email without a category.</exception>
    public ConfusionMatrix Evaluate(IReadOnlyList<EmailMessage> labelled)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var actual = labelled.Select(e => e.Category ?? throw new ArgumentException($"Email {e.Id} has no category; evaluation needs labelled emails.", nameof(labelled))).ToList();
        return ConfusionMatrix.From(actual, Classify(labelled));
    }

    /// <summary>Saves the weights and settings into <paramref name="directory"/> (created when missing).</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        _model.save(Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, SettingsFile), JsonSerializer.Serialize(new Settings(Featurizer.Dimensions, Hidden)));
    }

    /// <summary>Loads a classifier saved with <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no saved classifier.</exception>
    /// <exception cref="InvalidDataException">The settings or the weights are damaged; the message names the file.</exception>
    public static EmailClassifier Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var settingsPath = Path.Combine(directory, SettingsFile);
        if (!File.Exists(settingsPath) || !File.Exists(Path.Combine(directory, ModelFile)))
        {
            throw new FileNotFoundException($"No saved email classifier in '{directory}' (expected {SettingsFile} and {ModelFile}); train one and call Save first.", settingsPath);
        }

        var settings = ReadSettings(settingsPath);
        TorchRuntime.Initialize();
        var model = Network(settings.Dimensions, settings.Hidden);
        var modelPath = Path.Combine(directory, ModelFile);
        try
        {
            model.load(modelPath);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{Path.GetFullPath(modelPath)}' is not the weights of an email classifier with {settings.Dimensions:N0} inputs and {settings.Hidden:N0} hidden units, as '{SettingsFile}' beside it says ({error.Message}); the file is damaged or from another model: save the classifier again."), error);
        }

        return new EmailClassifier(new TextFeaturizer(settings.Dimensions), settings.Hidden, model);
    }

    // The saved settings, checked: readable JSON, and widths in range.
    private static Settings ReadSettings(string settingsPath)
    {
        Settings settings;
        try
        {
            settings = JsonSerializer.Deserialize<Settings>(File.ReadAllText(settingsPath), SettingsReading)
                ?? throw new InvalidDataException($"'{Path.GetFullPath(settingsPath)}' holds null instead of the classifier's settings; save the classifier again.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"'{Path.GetFullPath(settingsPath)}' is not the classifier's settings ({error.Message}); save the classifier again.", error);
        }

        if (settings.Dimensions is < 16 or > 1_048_576 || settings.Hidden is < 1 or > 100_000)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{Path.GetFullPath(settingsPath)}' is damaged: Dimensions must be from 16 to 1,048,576 (got {settings.Dimensions}) and Hidden from 1 to 100,000 (got {settings.Hidden}); save the classifier again."));
        }

        return settings;
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => _model.Dispose();

    private static nn.Module<Tensor, Tensor> Network(int inputs, int hidden) =>
        nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, Enum.GetValues<EmailCategory>().Length)).to(TorchRuntime.Device);

    private static TensorDataSet LabelledSet(IReadOnlyList<EmailMessage> emails, TextFeaturizer featurizer, string argument)
    {
        if (emails.Count < 2)
        {
            throw new ArgumentException($"{argument} needs at least 2 labelled emails; got {emails.Count}.", argument);
        }

        var labels = emails.Select(e => (long)(e.Category ?? throw new ArgumentException($"Email {e.Id} has no category; training needs labelled emails.", argument))).ToArray();
        return new TensorDataSet(featurizer.Featurize(emails), tensor(labels));
    }

    private static readonly JsonSerializerOptions SettingsReading = new() { RespectRequiredConstructorParameters = true };

    private sealed record Settings(int Dimensions, int Hidden);
}

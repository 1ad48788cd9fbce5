using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BatchLearning.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BatchLearning.Training;

/// <summary>
/// A saved training run, to resume from: model weights, optimizer state (momentum, Adam's moments), torch's random state,
/// where in which epoch the run was, and every record so far. The weights and optimizer state go to files named by update;
/// state.json, written last and atomically (write, then rename), names them. A crash while saving leaves the previous checkpoint intact.
/// </summary>
internal sealed record TrainingCheckpoint(
    int Version,
    string Name,
    int BatchSize,
    long Seed,
    int AccumulationSteps,
    LastBatch LastBatch,
    int TrainingSamples,
    TrainingPosition Position,
    string RandomState,
    string ModelFile,
    string OptimizerFile)
{
    internal const string StateFile = "state.json";
    private const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Saves the run's state into <paramref name="directory"/>, replacing the previous checkpoint there.</summary>
    internal static void Save(string directory, TrainingOptions options, int trainingSamples, TrainingPosition position, nn.Module model, OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(directory);
        var stem = string.Create(CultureInfo.InvariantCulture, $"{position.Update:D8}");
        var modelFile = $"model-{stem}.bin";
        var optimizerFile = $"optimizer-{stem}.bin";
        model.save(Path.Combine(directory, modelFile));
        optimizer.save_state_dict(Path.Combine(directory, optimizerFile));
        using var randomState = get_rng_state();
        var checkpoint = new TrainingCheckpoint(
            CurrentVersion, options.RunName, options.BatchSize, options.Seed, options.AccumulationSteps, options.LastBatch, trainingSamples,
            position, Convert.ToBase64String(randomState.data<byte>().ToArray()), modelFile, optimizerFile);
        var temporary = Path.Combine(directory, StateFile + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint, Json));
        File.Move(temporary, Path.Combine(directory, StateFile), overwrite: true);
        foreach (var old in Directory.EnumerateFiles(directory, "*.bin").Where(f => Path.GetFileName(f) is var name && name != modelFile && name != optimizerFile))
        {
            File.Delete(old);
        }
    }

    /// <summary>Reads the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">No checkpoint there.</exception>
    /// <exception cref="InvalidDataException">The state file is unreadable or names missing files.</exception>
    internal static TrainingCheckpoint Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, StateFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No checkpoint in '{directory}': {StateFile} is missing. Train with TrainingOptions.Checkpoint set to save one.", path);
        }

        var checkpoint = Read(path);
        checkpoint.EnsureComplete(directory, path);
        return checkpoint;
    }

    // The state file's contents, or an InvalidDataException naming the file (and the line, for a JSON error).
    private static TrainingCheckpoint Read(string path)
    {
        TrainingCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            var line = error.LineNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" at line {number + 1}") : "";
            throw new InvalidDataException($"The checkpoint file '{path}' is not valid{line}: {error.Message} Delete the folder to start afresh, or restore the file.", error);
        }
        catch (Exception error) when (error is NotSupportedException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The checkpoint file '{path}' cannot be read: {error.Message}", error);
        }

        if (checkpoint is null || checkpoint.Version != CurrentVersion || checkpoint.Position is null)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The checkpoint file '{path}' is not a version {CurrentVersion} BatchLearning checkpoint (its version is {checkpoint?.Version}, its position {(checkpoint?.Position is null ? "missing" : "present")})."));
        }

        return checkpoint;
    }

    // Refuses a state file with an empty field, or naming a weights or optimizer file that is missing.
    private void EnsureComplete(string directory, string path)
    {
        foreach (var (field, value) in new[] { (nameof(ModelFile), ModelFile), (nameof(OptimizerFile), OptimizerFile), (nameof(RandomState), RandomState) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidDataException($"The checkpoint file '{path}' has no {field}; it is damaged.");
            }
        }

        foreach (var file in new[] { ModelFile, OptimizerFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new InvalidDataException($"The checkpoint file '{path}' names '{Path.Combine(directory, file)}', which is missing.");
            }
        }
    }

    /// <summary>Checks that <paramref name="options"/> describe the same run, so that resuming continues the same curve.</summary>
    /// <exception cref="ArgumentException">A setting that shapes the curve differs from the checkpoint's.</exception>
    internal void EnsureMatches(TrainingOptions options, int trainingSamples)
    {
        void Same<T>(string name, T saved, T given)
        {
            if (!EqualityComparer<T>.Default.Equals(saved, given))
            {
                throw new ArgumentException($"The checkpoint was saved with {name} = {saved}, but the options give {given}; resume with the same {name} to continue the same run.", nameof(options));
            }
        }

        Same(nameof(TrainingOptions.BatchSize), BatchSize, options.BatchSize);
        Same(nameof(TrainingOptions.Seed), Seed, options.Seed);
        Same(nameof(TrainingOptions.AccumulationSteps), AccumulationSteps, options.AccumulationSteps);
        Same(nameof(TrainingOptions.LastBatch), LastBatch, options.LastBatch);
        Same("training-set size", TrainingSamples, trainingSamples);
    }

    /// <summary>Loads the saved weights, optimizer state and random state into the given objects.</summary>
    /// <exception cref="InvalidDataException">A file is corrupt or its weights do not fit the model; the message names the file.</exception>
    internal void Restore(string directory, nn.Module model, OptimizerHelper optimizer)
    {
        var modelPath = Path.Combine(directory, ModelFile);
        var optimizerPath = Path.Combine(directory, OptimizerFile);
        try
        {
            model.load(modelPath);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"The weights file '{modelPath}' does not fit this model ({error.Message.Split('\n', 2)[0].Trim()}): resume with a model of the same architecture (the same layers and widths) as the saved run, or delete the folder to start afresh.", error);
        }

        try
        {
            optimizer.load_state_dict(optimizerPath);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"The optimizer state file '{optimizerPath}' does not fit this optimizer ({error.Message.Split('\n', 2)[0].Trim()}): resume with the same optimizer kind and model as the saved run.", error);
        }

        byte[] state;
        try
        {
            state = Convert.FromBase64String(RandomState);
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"The checkpoint file '{Path.Combine(directory, StateFile)}' has a damaged RandomState (not base 64).", error);
        }

        using var randomState = tensor(state);
        set_rng_state(randomState);
    }
}

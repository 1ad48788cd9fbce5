using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

/// <summary>One small character model for all generation tests (trained once, a few seconds).</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Model = CharacterModel.Train(CharacterModel.Subjects(1500, 1), new CharacterModelOptions(HiddenSize: 64, TrainingSteps: 80), seed: 7);
        Prompts = Model.SamplePrompts(60, 3);
    }

    public CharacterModel Model { get; }

    public IReadOnlyList<IReadOnlyList<int>> Prompts { get; }

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "generation-model";
}

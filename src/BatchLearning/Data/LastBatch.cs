namespace BatchLearning.Data;

/// <summary>What to do with the last batch of an epoch when the set size is not a multiple of the batch size.</summary>
public enum LastBatch
{
    /// <summary>Keep it: every sample is seen exactly once per epoch; the last batch is smaller (the default).</summary>
    Keep,

    /// <summary>Drop it: every batch has the full size; up to batch size - 1 samples (different ones each epoch) are skipped.</summary>
    Drop,
}

namespace BatchLearning.Providers;

/// <summary>What became of one request in a provider batch.</summary>
public enum ProviderResultStatus
{
    /// <summary>Answered, and the answer named a category.</summary>
    Succeeded,

    /// <summary>Answered, but the answer named no category.</summary>
    Unparsed,

    /// <summary>The provider reported an error for this request.</summary>
    Errored,

    /// <summary>The batch window ended before this request ran.</summary>
    Expired,

    /// <summary>The batch was cancelled before this request ran.</summary>
    Canceled,
}

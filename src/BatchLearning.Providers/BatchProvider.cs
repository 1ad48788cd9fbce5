namespace BatchLearning.Providers;

/// <summary>The LLM batch services the course can send the day's mail to.</summary>
public enum BatchProvider
{
    /// <summary>OpenAI Batch API (files + batches, 24-hour window); the key is read from OPENAI_API_KEY.</summary>
    OpenAi,

    /// <summary>Anthropic Message Batches (24-hour window); the key is read from ANTHROPIC_API_KEY.</summary>
    Anthropic,
}

namespace BatchLearning.Runner;

/// <summary>What kind of value a notebook parameter holds.</summary>
public enum NotebookParameterKind
{
    /// <summary>A whole number (int or long).</summary>
    Integer,

    /// <summary>A finite number (double).</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A string.</summary>
    Text,
}

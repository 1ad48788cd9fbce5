namespace BatchLearning.Notebook;

/// <summary>
/// A value shown once and then updated in place, such as a progress table. Inside a notebook the kernel extension
/// connects it to the kernel's display (<c>display(x).Update(y)</c>); anywhere else it shows nothing.
/// </summary>
public sealed class LiveDisplay
{
    private static Func<object, Action<object>>? _renderer;
    private readonly Action<object> _update;

    private LiveDisplay(Action<object> update) => _update = update;

    /// <summary>True inside a notebook kernel that loaded the BatchLearning extension.</summary>
    public static bool IsAvailable => _renderer is not null;

    /// <summary>
    /// Called by the kernel extension: given a first value, show it and return how to replace it.
    /// </summary>
    public static void UseRenderer(Func<object, Action<object>> renderer) =>
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));

    /// <summary>Shows <paramref name="initial"/> and returns a handle that replaces it with each <see cref="Update"/>.</summary>
    public static LiveDisplay Show(object initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new LiveDisplay(_renderer?.Invoke(initial) ?? (_ => { }));
    }

    /// <summary>Replaces the shown value with <paramref name="value"/>.</summary>
    public void Update(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _update(value);
    }
}

using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Pictures;

/// <summary>
/// What one step of a handler came to: a value to go on with, or the outcome the handler answers
/// with now (the picture is gone, too large, superseded, or the write kept losing its race).
/// A handler writes <c>if (step.Outcome is { } stop) return stop;</c> and then uses <see cref="Value"/>.
/// </summary>
public readonly record struct Step<T>
{
    private Step(T value, HandlerOutcome? outcome)
    {
        Value = value;
        Outcome = outcome;
    }

    /// <summary>The result to go on with; meaningful only when <see cref="Outcome"/> is null.</summary>
    public T Value { get; }

    /// <summary>Set when the handler must stop here and answer with it.</summary>
    public HandlerOutcome? Outcome { get; }

    public static Step<T> Continue(T value) => new(value, null);

    public static Step<T> Stop(HandlerOutcome outcome) => new(default!, outcome ?? throw new ArgumentNullException(nameof(outcome)));
}

using System.Globalization;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// The size of the convergence property run, from the environment: <c>PICADAILY_PROPERTY_SEED</c>
/// (first seed, default 1), <c>PICADAILY_PROPERTY_PICTURES</c> (pictures per seed, default 30, the CI
/// size), <c>PICADAILY_PROPERTY_SEEDS</c> (consecutive seeds run on one system, default 1),
/// <c>PICADAILY_PROPERTY_SHRINK_MINUTES</c> (how long a failure may be shrunk, default 10, 0 for not at
/// all) and <c>PICADAILY_PROPERTY_REPLAY</c> (a saved history to replay instead of generating one).
/// </summary>
public sealed record PropertySettings(int Seed, int Pictures, int Seeds, TimeSpan ShrinkBudget, string? Replay)
{
    public static PropertySettings FromEnvironment() => new(
        Read("PICADAILY_PROPERTY_SEED", 1, 0),
        Read("PICADAILY_PROPERTY_PICTURES", 30, 2),
        Read("PICADAILY_PROPERTY_SEEDS", 1, 1),
        TimeSpan.FromMinutes(Read("PICADAILY_PROPERTY_SHRINK_MINUTES", 10, 0)),
        Environment.GetEnvironmentVariable("PICADAILY_PROPERTY_REPLAY") is { Length: > 0 } replay ? Path.GetFullPath(replay) : null);

    private static int Read(string variable, int fallback, int minimum) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
                ? value
                : throw new FormatException($"{variable}: '{text}' is not a whole number of at least {minimum}.")
            : fallback;
}

using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PicADaily.Contracts.Configuration;

/// <summary>
/// The one way a duration option is written, everywhere (app host, LocalCloud, services): a number
/// with a unit, <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>, <c>1h</c>, or .NET's
/// <c>hh:mm:ss[.fff]</c> (<c>00:00:02</c>). Negative durations are refused.
/// </summary>
public static partial class Durations
{
    /// <summary>Says what is accepted, for error messages.</summary>
    public const string AcceptedForms = "a number with a unit (500ms, 2s, 1.5s, 1m, 1h) or hh:mm:ss (00:00:02)";

    private static int registered;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (WithUnit().Match(trimmed) is { Success: true } match)
        {
            var amount = double.Parse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var milliseconds = match.Groups["unit"].Value switch
            {
                "ms" => amount,
                "s" => amount * 1_000,
                "m" => amount * 60_000,
                _ => amount * 3_600_000,
            };
            if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
            {
                return false;
            }

            duration = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        return TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <exception cref="FormatException">The text is not one of <see cref="AcceptedForms"/>; the message names the option.</exception>
    public static TimeSpan Parse(string option, string? text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"{option}: '{text}' is not a duration; write {AcceptedForms}.");

    /// <summary>
    /// Makes configuration binding read every <see cref="TimeSpan"/> option this way (the binder asks
    /// TypeDescriptor for the converter). Process-wide by nature; every host of ours calls it first, so
    /// an option means the same wherever it is given. Idempotent.
    /// </summary>
    public static void AcceptInConfiguration()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
        }
    }

    [GeneratedRegex(@"^(?<amount>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex WithUnit();
}

/// <summary>Reads <see cref="TimeSpan"/> from text in the forms of <see cref="Durations"/>; writes it as hh:mm:ss.</summary>
public sealed class DurationConverter : TimeSpanConverter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? Durations.TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration; write {Durations.AcceptedForms}.")
            : base.ConvertFrom(context, culture, value);
}

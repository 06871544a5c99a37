using System.Globalization;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// A history saved for <c>PICADAILY_PROPERTY_REPLAY</c>: a first line <c>seed N</c>, then one
/// <see cref="PropertyStep"/> a line (lines starting with '#' are comments).
/// </summary>
public sealed record ReplayFile(int Seed, IReadOnlyList<PropertyStep> Steps)
{
    public static ReplayFile Read(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return lines is [var first, .. var steps] && first.Split(' ') is ["seed", var seed]
            ? new ReplayFile(int.Parse(seed, CultureInfo.InvariantCulture), steps.Select(PropertyStep.Parse).ToList())
            : throw new FormatException($"{path}: the first line must be 'seed N'.");
    }

    public string Format(string comment) =>
        string.Join(Environment.NewLine, ["# " + comment, string.Create(CultureInfo.InvariantCulture, $"seed {Seed}"), .. Steps.Select(s => s.Format())]) + Environment.NewLine;
}

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// The names of one run's pictures: a history names them <c>s{seed}-p007.jpg</c>; a replay on the same
/// system plays them as <c>s{seed}r{n}-p007.jpg</c>, so it never meets what the run it replays left behind.
/// </summary>
public sealed record PictureNames(string RecordedPrefix, string PlayedPrefix)
{
    public static PictureNames FirstRun(int seed) => new($"s{seed}-", $"s{seed}-");

    public static PictureNames Replay(int seed, int replay) => new($"s{seed}-", $"s{seed}r{replay}-");

    /// <summary>The name played in the bucket for a name of the history.</summary>
    public string Played(string recorded) =>
        recorded.StartsWith(RecordedPrefix, StringComparison.Ordinal) ? PlayedPrefix + recorded[RecordedPrefix.Length..] : recorded;

    /// <summary>The name in the history of a picture this run played, or null for any other object.</summary>
    public string? Recorded(string played) =>
        played.StartsWith(PlayedPrefix, StringComparison.Ordinal) ? RecordedPrefix + played[PlayedPrefix.Length..] : null;

    /// <summary>Whether an invariant violation is this run's: it names one of its pictures, or no picture at all (the collage).</summary>
    public bool Concerns(string problem) =>
        problem.Contains("'" + PlayedPrefix, StringComparison.Ordinal) || !problem.Contains('\'', StringComparison.Ordinal);
}

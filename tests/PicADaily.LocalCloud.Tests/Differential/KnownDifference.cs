namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// A difference kept on purpose, with why; mirrored in the table of infra/PicADaily.LocalCloud/README.md.
/// <paramref name="Path"/> is a dotted JSON path into the response body that is left out of the comparison,
/// or <c>$</c> for the whole answer (status and body). The suite fails when a listed difference is gone,
/// so the list cannot go stale.
/// </summary>
public sealed record KnownDifference(string Call, string Path, string Reason)
{
    public const string Everything = "$";
}

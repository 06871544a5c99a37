using PicADaily.Frontend.Access;
using PicADaily.Frontend.Storage;

namespace PicADaily.Frontend.Ownership;

/// <summary>Whether a request may act on a picture, and if not, a reason a person can act on.</summary>
public sealed record AccessDecision(bool Allowed, string? Reason)
{
    public static AccessDecision Allow { get; } = new(true, null);

    public static AccessDecision Refuse(string reason) => new(false, reason);
}

/// <summary>
/// The rules of "who may do what" for one stored original: its uploader's capability or an admin
/// identity may delete it and see it while it is hidden; nobody else.
/// </summary>
public static class PictureAccess
{
    public static AccessDecision ToDelete(StoredObjectInfo original, Viewer viewer, string? token)
    {
        if (viewer.IsAdmin || DeleteCapability.Matches(token, original.DeleteTokenSha256))
        {
            return AccessDecision.Allow;
        }

        if (original.DeleteTokenSha256 is null)
        {
            return AccessDecision.Refuse("This picture was not uploaded through this site, so it has no delete token: only an admin can delete it.");
        }

        return string.IsNullOrEmpty(token)
            ? AccessDecision.Refuse($"Deleting needs this picture's delete token (header {DeleteCapability.HeaderName}), which only its uploader's browser holds, or an admin identity.")
            : AccessDecision.Refuse("That delete token does not belong to this picture.");
    }

    /// <summary>Whether the original may be shown although the gallery does not show it (unsafe, not analysed yet, failed).</summary>
    public static bool ToSeeHidden(StoredObjectInfo original, Viewer viewer, string? token) =>
        viewer.IsAdmin || DeleteCapability.Matches(token, original.DeleteTokenSha256);
}

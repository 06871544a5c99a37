namespace PicADaily.Frontend.Uploads;

/// <summary>What became of one uploaded file: stored under <see cref="Name"/>, or refused for <see cref="Reason"/>.</summary>
/// <param name="FileName">The file name the browser sent, cleaned for display.</param>
/// <param name="ReasonCode">Stable for programs: <c>empty</c>, <c>too-large</c>, <c>not-an-image</c>, <c>too-many-files</c>.</param>
/// <param name="DeleteToken">The accepted picture's delete capability, given out this once and never again (only its hash is stored).</param>
public sealed record UploadResult(string FileName, bool Accepted, string? Name, string? ContentType, string? ReasonCode, string? Reason, string? DeleteToken)
{
    public static UploadResult Stored(string fileName, string name, string contentType, string deleteToken) => new(fileName, true, name, contentType, null, null, deleteToken);

    public static UploadResult Refused(string fileName, string reasonCode, string reason) => new(fileName, false, null, null, reasonCode, reason, null);
}

/// <summary>Stable reason codes of refused uploads.</summary>
public static class UploadRefusals
{
    public const string Empty = "empty";
    public const string TooLarge = "too-large";
    public const string NotAnImage = "not-an-image";
    public const string TooManyFiles = "too-many-files";
}

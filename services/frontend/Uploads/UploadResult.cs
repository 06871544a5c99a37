namespace PicADaily.Frontend.Uploads;

/// <summary>What became of one uploaded file: stored under <see cref="Name"/>, or refused for <see cref="Reason"/>.</summary>
/// <param name="FileName">The file name the browser sent, cleaned for display.</param>
/// <param name="ReasonCode">Stable for programs: <c>empty</c>, <c>too-large</c>, <c>not-an-image</c>, <c>too-many-files</c>.</param>
public sealed record UploadResult(string FileName, bool Accepted, string? Name, string? ContentType, string? ReasonCode, string? Reason)
{
    public static UploadResult Stored(string fileName, string name, string contentType) => new(fileName, true, name, contentType, null, null);

    public static UploadResult Refused(string fileName, string reasonCode, string reason) => new(fileName, false, null, null, reasonCode, reason);
}

/// <summary>Stable reason codes of refused uploads.</summary>
public static class UploadRefusals
{
    public const string Empty = "empty";
    public const string TooLarge = "too-large";
    public const string NotAnImage = "not-an-image";
    public const string TooManyFiles = "too-many-files";
}

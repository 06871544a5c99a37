namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>
/// The settings every service shares, read from the environment conventions of docs/architecture.md
/// (<c>GOOGLE_CLOUD_PROJECT</c>, <c>BUCKET_PICTURES</c>, <c>BUCKET_THUMBNAILS</c>, <c>PORT</c>).
/// </summary>
public sealed class PicADailySettings
{
    public const string ProjectVariable = "GOOGLE_CLOUD_PROJECT";
    public const string PicturesBucketVariable = "BUCKET_PICTURES";
    public const string ThumbnailsBucketVariable = "BUCKET_THUMBNAILS";
    public const string PortVariable = "PORT";

    /// <summary>The name this service reports itself by: event sources, traces, failure reports.</summary>
    public string ServiceName { get; set; } = "";

    public string ProjectId { get; set; } = "picadaily-local";

    public string PicturesBucket { get; set; } = "pictures";

    public string ThumbnailsBucket { get; set; } = "thumbnails";
}

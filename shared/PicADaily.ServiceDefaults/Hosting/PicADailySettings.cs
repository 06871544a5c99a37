namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>
/// The settings every service shares, read from the environment variables every deployment sets
/// (<c>BUCKET_PICTURES</c>, <c>BUCKET_THUMBNAILS</c>, <c>PORT</c>). The project id is read once, by
/// the Google clients (<c>GoogleCloudOptions</c>), which are the only ones that use it.
/// </summary>
public sealed class PicADailySettings
{
    public const string PicturesBucketVariable = "BUCKET_PICTURES";
    public const string ThumbnailsBucketVariable = "BUCKET_THUMBNAILS";
    public const string PortVariable = "PORT";

    /// <summary>The name this service reports itself by: event sources, traces, failure reports.</summary>
    public string ServiceName { get; set; } = "";

    public string PicturesBucket { get; set; } = "pictures";

    public string ThumbnailsBucket { get; set; } = "thumbnails";
}

namespace PicADaily.GoogleCloud.Vision;

/// <summary>The image to annotate: its bytes, or a <c>gs://bucket/object</c> (or public https) URI.</summary>
public sealed record VisionImage
{
    private VisionImage(ReadOnlyMemory<byte>? content, string? uri)
    {
        Content = content;
        Uri = uri;
    }

    /// <summary>The bytes (sent base64; keep to a few MB, use a URI for larger images).</summary>
    public ReadOnlyMemory<byte>? Content { get; }

    /// <summary>The image URI.</summary>
    public string? Uri { get; }

    /// <summary>An image sent inline.</summary>
    public static VisionImage FromBytes(ReadOnlyMemory<byte> content) =>
        content.IsEmpty ? throw new ArgumentException("The image is empty.", nameof(content)) : new(content, null);

    /// <summary>An image Vision reads itself; for <c>gs://</c> the caller's identity needs read access.</summary>
    public static VisionImage FromUri(string uri) =>
        string.IsNullOrWhiteSpace(uri) ? throw new ArgumentException("The image URI is empty.", nameof(uri)) : new(null, uri);
}

/// <summary>A feature to detect.</summary>
/// <param name="Type">The detection.</param>
/// <param name="MaxResults">For label detection: how many labels at most (Vision's default is 10).</param>
public sealed record VisionFeature(VisionFeatureType Type, int? MaxResults = null)
{
    /// <summary>LABEL_DETECTION with a result limit.</summary>
    public static VisionFeature Labels(int maxResults) => new(VisionFeatureType.LabelDetection, maxResults);

    /// <summary>IMAGE_PROPERTIES (dominant colours).</summary>
    public static VisionFeature ImageProperties { get; } = new(VisionFeatureType.ImageProperties);

    /// <summary>SAFE_SEARCH_DETECTION.</summary>
    public static VisionFeature SafeSearch { get; } = new(VisionFeatureType.SafeSearchDetection);
}

/// <summary>The detections this client supports.</summary>
public enum VisionFeatureType
{
    /// <summary>LABEL_DETECTION.</summary>
    LabelDetection,
    /// <summary>IMAGE_PROPERTIES.</summary>
    ImageProperties,
    /// <summary>SAFE_SEARCH_DETECTION.</summary>
    SafeSearchDetection,
}

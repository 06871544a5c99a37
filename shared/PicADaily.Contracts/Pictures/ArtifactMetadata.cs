namespace PicADaily.Contracts.Pictures;

/// <summary>Custom metadata our artifacts carry in Cloud Storage, so any service can tell which source generation made them.</summary>
public static class ArtifactMetadata
{
    /// <summary>On a thumbnail: the generation of the picture it was cut from.</summary>
    public const string SourceGeneration = "sourceGeneration";

    /// <summary>On <c>collage.png</c>: a fingerprint of the pictures in it (names and generations, in order), to skip identical re-renders.</summary>
    public const string CollagePictures = "pictures";

    /// <summary>The collage's object name in the thumbnails bucket (the original app's name).</summary>
    public const string CollageObjectName = "collage.png";
}

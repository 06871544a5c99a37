namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>The caller-supplied metadata of a new object.</summary>
public sealed record ObjectWrite(string? ContentType, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, string> Headers)
{
    public static readonly ObjectWrite Empty = new(null, new Dictionary<string, string>(), new Dictionary<string, string>());
}

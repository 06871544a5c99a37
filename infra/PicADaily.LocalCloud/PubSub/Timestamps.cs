using System.Globalization;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>google.protobuf.Timestamp in proto JSON form: RFC 3339 UTC with a Z.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

namespace PicADaily.LocalCloud.PubSub.Api;

/// <summary>Google's custom-method URLs put the verb after a colon: <c>…/topics/t1:publish</c>.</summary>
internal static class CustomMethod
{
    public static (string Resource, string Method) Split(string segment)
    {
        var colon = segment.LastIndexOf(':');
        return colon <= 0 ? (segment, "") : (segment[..colon], segment[(colon + 1)..]);
    }
}

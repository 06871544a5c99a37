namespace PicADaily.Contracts.Payloads;

/// <summary>CloudEvent <c>source</c> URI-references of our services.</summary>
public static class EventSources
{
    public static Uri ForService(string serviceName) => new($"//picadaily.dev/services/{serviceName}", UriKind.RelativeOrAbsolute);
}

namespace PicADaily.GoogleCloud.Http;

/// <summary>
/// The base address of one API and how requests to it are authorised: a Google token for the real
/// service, none (or a fixed header, for the Firestore emulator) for an emulator.
/// </summary>
/// <param name="BaseUri">Absolute, ending in <c>/</c>; API paths are resolved against it.</param>
/// <param name="IsEmulator">True when no Google token must be sent.</param>
/// <param name="EmulatorAuthorization">The Authorization header value an emulator expects, if any.</param>
public sealed record GoogleApiEndpoint(Uri BaseUri, bool IsEmulator, string? EmulatorAuthorization = null)
{
    /// <summary>
    /// The emulator when <paramref name="emulatorHost"/> is set (<c>host:port</c>, with or without
    /// <c>http://</c>), else the real endpoint.
    /// </summary>
    public static GoogleApiEndpoint Resolve(string? emulatorHost, Uri realEndpoint, string? emulatorAuthorization = null) =>
        string.IsNullOrWhiteSpace(emulatorHost)
            ? new GoogleApiEndpoint(WithTrailingSlash(realEndpoint), IsEmulator: false)
            : new GoogleApiEndpoint(EmulatorBaseUri(emulatorHost), IsEmulator: true, emulatorAuthorization);

    /// <summary>
    /// <c>localhost:8085</c> → <c>http://localhost:8085/</c>; a value with a scheme keeps it.
    /// Emulators speak plain HTTP by convention, hence the default scheme.
    /// </summary>
    public static Uri EmulatorBaseUri(string emulatorHost)
    {
        var value = emulatorHost.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{emulatorHost}' is not an emulator address; expected host:port or http://host:port.", nameof(emulatorHost));
        }
        return WithTrailingSlash(uri);
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

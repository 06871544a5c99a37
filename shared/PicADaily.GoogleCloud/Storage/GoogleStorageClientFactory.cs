using Google.Api.Gax;
using Google.Cloud.Storage.V1;

namespace PicADaily.GoogleCloud.Storage;

/// <summary>Builds the official <see cref="StorageClient"/> for the Storage emulator or for Cloud Storage.</summary>
public static class GoogleStorageClientFactory
{
    /// <summary>
    /// With <see cref="GoogleCloudOptions.StorageEmulatorHost"/> set: an unauthenticated client on
    /// <see cref="EmulatorBaseUri"/>. Otherwise Cloud Storage with Application Default Credentials.
    /// </summary>
    public static StorageClient Create(GoogleCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StorageEmulatorHost is { } host)
        {
            // Not EmulatorDetection: the .NET builder would use the variable verbatim as BaseUri, so a
            // bare host:port (what Go/Python/Node expect) would send JSON calls to the server root.
            return new StorageClientBuilder { BaseUri = EmulatorBaseUri(host), UnauthenticatedAccess = true }.Build();
        }
        // The variable is unset here, so EmulatorOrProduction means production with ADC.
        return new StorageClientBuilder { EmulatorDetection = EmulatorDetection.EmulatorOrProduction }.Build();
    }

    /// <summary>
    /// The JSON API base for an emulator address: <c>localhost:9023</c> and <c>http://localhost:9023</c>
    /// become <c>http://localhost:9023/storage/v1/</c>; a value that already has a path is kept (with a trailing slash).
    /// </summary>
    public static string EmulatorBaseUri(string emulatorHost)
    {
        var root = Http.GoogleApiEndpoint.EmulatorBaseUri(emulatorHost);
        return root.AbsolutePath == "/" ? new Uri(root, "storage/v1/").AbsoluteUri : root.AbsoluteUri;
    }
}

using PicADaily.GoogleCloud.Storage;
using PicADaily.GoogleCloud.Tests.Support;

namespace PicADaily.GoogleCloud.Tests;

public sealed class StorageClientFactoryTests : IDisposable
{
    private readonly FakeGoogleApi _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_bare_or_schemed_emulator_host_reaches_the_JSON_API_path_without_credentials(bool withScheme)
    {
        _api.Respond("GET", "/storage/v1/b/pictures", 200, """{"kind":"storage#bucket","id":"pictures","name":"pictures"}""");
        var host = withScheme ? "http://" + _api.HostPort : _api.HostPort;

        using var storage = GoogleStorageClientFactory.Create(new GoogleCloudOptions { StorageEmulatorHost = host });
        var bucket = await storage.GetBucketAsync("pictures");

        Assert.Equal("pictures", bucket.Name);
        var request = _api.SingleRequest();
        Assert.Equal("/storage/v1/b/pictures", request.RequestMessage.Path);
        request.HasNoAuthorization();
    }
}

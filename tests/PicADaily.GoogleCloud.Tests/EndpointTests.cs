using PicADaily.GoogleCloud.Http;
using PicADaily.GoogleCloud.Storage;

namespace PicADaily.GoogleCloud.Tests;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("localhost:8085", "http://localhost:8085/")]
    [InlineData("http://localhost:8085", "http://localhost:8085/")]
    [InlineData("http://127.0.0.1:8090/", "http://127.0.0.1:8090/")]
    [InlineData(" pubsub:8085 ", "http://pubsub:8085/")]
    public void Emulator_hosts_with_or_without_scheme_become_an_http_base_address(string host, string expected)
    {
        var endpoint = GoogleApiEndpoint.Resolve(host, new Uri("https://pubsub.googleapis.com/"));

        Assert.True(endpoint.IsEmulator);
        Assert.Equal(expected, endpoint.BaseUri.AbsoluteUri);
    }

    [Fact]
    public void Without_an_emulator_the_real_endpoint_is_used_with_a_Google_token()
    {
        var endpoint = GoogleApiEndpoint.Resolve(null, new Uri("https://firestore.googleapis.com"));

        Assert.False(endpoint.IsEmulator);
        Assert.Equal("https://firestore.googleapis.com/", endpoint.BaseUri.AbsoluteUri);
    }

    [Fact]
    public void A_malformed_emulator_host_is_rejected_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => GoogleApiEndpoint.Resolve("ftp://x:1", new Uri("https://pubsub.googleapis.com/")));

        Assert.Contains("ftp://x:1", e.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:9023", "http://127.0.0.1:9023/storage/v1/")]
    [InlineData("http://127.0.0.1:9023", "http://127.0.0.1:9023/storage/v1/")]
    [InlineData("http://127.0.0.1:9023/storage/v1/", "http://127.0.0.1:9023/storage/v1/")]
    [InlineData("http://127.0.0.1:9023/storage/v1", "http://127.0.0.1:9023/storage/v1/")]
    public void Storage_emulator_addresses_gain_the_JSON_API_path_the_dotnet_client_needs(string host, string expected) =>
        Assert.Equal(expected, GoogleStorageClientFactory.EmulatorBaseUri(host));

    [Fact]
    public void A_missing_project_id_is_reported_by_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new GoogleCloudOptions().RequireProjectId());

        Assert.Contains("GOOGLE_CLOUD_PROJECT", e.Message);
    }
}

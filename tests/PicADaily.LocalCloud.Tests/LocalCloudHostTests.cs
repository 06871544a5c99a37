using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests;

public sealed class LocalCloudHostTests
{
    [Fact]
    public async Task LocalCloud_answers_on_a_loopback_port_and_creates_its_data_folder()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };

        var body = await http.GetStringAsync("/");

        Assert.Contains("LocalCloud", body, StringComparison.Ordinal);
        Assert.True(Directory.Exists(cloud.DataPath));
        Assert.Equal("127.0.0.1", cloud.BaseUri.Host);
    }
}

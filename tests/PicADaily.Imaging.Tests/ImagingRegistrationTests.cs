using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PicADaily.Imaging.Tests;

public sealed class ImagingRegistrationTests
{
    [Fact]
    public async Task The_loader_shares_the_configured_slots_and_liveness_watches_abandoned_decodes()
    {
        using var provider = Provider(new() { ["Images:DecodeConcurrency"] = "3", ["Images:DecodePixelBudget"] = "24000000", ["Images:DecodeTimeout"] = "00:00:02", ["Images:OriginalsBudget"] = "8000000" });

        Assert.Equal(3, provider.GetRequiredService<DecodeSlots>().Capacity);
        Assert.Equal(24_000_000, provider.GetRequiredService<DecodeSlots>().PixelBudget);
        Assert.Equal(8_000_000, provider.GetRequiredService<OriginalsBudget>().Bytes);
        var limits = provider.GetRequiredService<SafeImageLoader>().Limits;
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)), (limits.DecodeTimeout, limits.DecodeWallTimeout));
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("live"));
        Assert.Equal(HealthStatus.Healthy, report.Entries[AbandonedDecodesHealthCheck.Name].Status);
    }

    [Theory]
    [InlineData("Images:DecodeConcurrency", "0")]
    [InlineData("Images:DecodePixelBudget", "0")]
    [InlineData("Images:DecodePixelBudget", "3000000000")]
    [InlineData("Images:OriginalsBudget", "0")]
    [InlineData("Images:OriginalsBudget", "3000000000")]
    [InlineData("Images:DecodeTimeout", "00:00:00")]
    public void An_out_of_range_setting_stops_the_service_from_starting(string key, string value)
    {
        var invalid = Assert.Throws<InvalidOperationException>(() => Provider(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], invalid.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSafeImageLoader(configuration).BuildServiceProvider();
    }
}

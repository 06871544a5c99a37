using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Tests;

/// <summary>A service's own duration options take the same forms as the app host's ("500ms", "2s", "00:00:02").</summary>
public sealed class DurationOptionsTests
{
    [Fact]
    public void A_service_binds_durations_written_with_a_unit()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Settings:Short"] = "500ms",
            ["Settings:Long"] = "00:01:00",
        });
        builder.AddServiceDefaults("test-service");
        builder.Services.AddOptions<DurationSettings>().BindConfiguration("Settings");

        using var provider = builder.Services.BuildServiceProvider();
        var settings = provider.GetRequiredService<IOptions<DurationSettings>>().Value;

        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Short);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Long);
    }

    public sealed class DurationSettings
    {
        public TimeSpan Short { get; set; }

        public TimeSpan Long { get; set; }
    }
}

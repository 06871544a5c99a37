using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

/// <summary>Push authentication never turns itself off silently: on Cloud Run it is required, elsewhere its absence is logged.</summary>
public sealed class PushAuthenticationStartupTests
{
    private const string Audience = "https://thumbnail-123-ew.a.run.app";
    private const string Invoker = "picadaily-push@demo.iam.gserviceaccount.com";
    private const string StartupCheckCategory = "PushAuthenticationStartupCheck";

    [Fact]
    public void On_cloud_run_a_service_without_a_push_audience_refuses_to_start_and_says_what_to_set()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [CloudRun.ServiceVariable] = "thumbnail" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults("thumbnail"));

        Assert.Contains(PushAuthenticationOptions.AudienceKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(PushAuthenticationOptions.AllowedEmailsKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_cloud_run_a_service_with_push_authentication_configured_starts()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CloudRun.ServiceVariable] = "thumbnail",
            [PushAuthenticationOptions.AudienceKey] = Audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = Invoker,
        });

        builder.AddServiceDefaults("thumbnail");
        using var app = builder.Build();

        Assert.NotNull(app);
    }

    [Fact]
    public void On_cloud_run_a_key_set_other_than_googles_refuses_to_start()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CloudRun.ServiceVariable] = "thumbnail",
            [PushAuthenticationOptions.AudienceKey] = Audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = Invoker,
            [PushAuthenticationOptions.CertificatesUrlKey] = "http://127.0.0.1:9/keys",
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults("thumbnail"));

        Assert.Contains(PushAuthenticationOptions.CertificatesUrlKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:9/keys")] // a key set while nothing is checked
    [InlineData(Audience, "not a url")]
    public void A_key_set_url_that_is_not_one_or_that_would_check_nothing_refuses_to_start(string? audience, string certificatesUrl)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushAuthenticationOptions.AudienceKey] = audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = audience is null ? null : Invoker,
            [PushAuthenticationOptions.CertificatesUrlKey] = certificatesUrl,
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults("thumbnail"));

        Assert.Contains(PushAuthenticationOptions.CertificatesUrlKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elsewhere_a_service_without_a_push_audience_starts_and_warns_once_naming_the_setting()
    {
        var logs = new ScopeCapturingLoggerProvider();

        await using var service = await TestService.StartAsync(logs);

        var warning = Assert.Single(logs.Lines, l => l.Category.EndsWith(StartupCheckCategory, StringComparison.Ordinal));
        Assert.Contains(PushAuthenticationOptions.AudienceKey, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_push_authentication_configured_logs_no_warning()
    {
        var logs = new ScopeCapturingLoggerProvider();

        await using var service = await TestService.StartAsync(logs, new Dictionary<string, string?>
        {
            [PushAuthenticationOptions.AudienceKey] = Audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = Invoker,
        });

        Assert.DoesNotContain(logs.Lines, l => l.Category.EndsWith(StartupCheckCategory, StringComparison.Ordinal));
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using PicADaily.AppHost;

namespace PicADaily.EndToEnd.Tests;

/// <summary>A bad app host option is one clear error before anything starts, never a half-started system.</summary>
public sealed class AppHostOptionsTests
{
    [Fact]
    public void Durations_are_read_in_the_documented_forms_and_forwarded_in_the_form_each_reader_expects()
    {
        var settings = EmbeddedSettings.From(Configuration(("FolderSettleInterval", "0.5s"), ("RetryMinimumBackoff", "500ms"), ("RetryMaximumBackoff", "00:00:02")));

        Assert.Equal("00:00:00.5000000", settings.LocalCloudOverrides["LocalCloud__Storage__SettleInterval"]);
        Assert.Equal(["--minimum-backoff", "0.5s", "--maximum-backoff", "2s"], settings.ProvisionerArguments);
    }

    [Fact]
    public void Every_bad_option_is_named_at_once()
    {
        var error = Assert.Throws<AppHostOptionsException>(() => EmbeddedSettings.From(Configuration(("FolderSettleInterval", "abc"), ("MaxConcurrentEvents", "0"))));

        Assert.Contains("FolderSettleInterval: 'abc' is not a duration; write a number with a unit (500ms, 2s", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentEvents: '0' is not a whole number of at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_resource_stops_the_app_host_unless_told_otherwise_and_a_bad_value_is_named()
    {
        Assert.True(EmbeddedSettings.From(Configuration()).StopOnResourceFailure);
        Assert.False(EmbeddedSettings.From(Configuration(("StopOnResourceFailure", "false"))).StopOnResourceFailure);

        var error = Assert.Throws<AppHostOptionsException>(() => EmbeddedSettings.From(Configuration(("StopOnResourceFailure", "sometimes"))));
        Assert.Contains("StopOnResourceFailure: 'sometimes' is not true or false.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_is_an_admin_locally_unless_named()
    {
        Assert.DoesNotContain(EmbeddedSettings.From(Configuration()).ServiceOverrides.Keys, key => key.StartsWith("Access__Admins", StringComparison.Ordinal));

        var settings = EmbeddedSettings.From(Configuration(("Admins", "developer@localhost, ops@example.com")));

        Assert.Equal("developer@localhost", settings.ServiceOverrides["Access__Admins__0"]);
        Assert.Equal("ops@example.com", settings.ServiceOverrides["Access__Admins__1"]);
    }

    [Fact]
    public async Task The_app_host_exits_non_zero_with_the_message_and_starts_nothing()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PicADaily.AppHost.dll"), "--FolderSettleInterval=abc", $"--PICADAILY_DATA={DataFolder()}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("FolderSettleInterval: 'abc' is not a duration", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("started", await output, StringComparison.OrdinalIgnoreCase);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] options) =>
        new ConfigurationBuilder().AddInMemoryCollection(options.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)).Append(new("PICADAILY_DATA", DataFolder()))).Build();

    private static string DataFolder() => Path.Combine(Path.GetTempPath(), "picadaily-options-test");
}

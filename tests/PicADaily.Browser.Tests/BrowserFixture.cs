using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Browser.Tests;

/// <summary>
/// The frontend on Kestrel at 127.0.0.1 (with in-memory stand-ins for the cloud), and Debian's
/// chromium driven headless by Playwright. No browser is ever downloaded: a missing chromium is a
/// failure that says how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private ChromiumSession? chromium;

    public FrontendFactory Frontend { get; } = new();

    public IBrowser Browser => chromium!.Browser;

    public Uri BaseAddress { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Frontend.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        Frontend.StartServer();
        var addresses = Frontend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
        Directory.CreateDirectory(ScreenshotFolder);

        chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        await Frontend.DisposeAsync();
    }

    /// <summary>An HTTP client for the same server, for what the rest of the choreography would send.</summary>
    public HttpClient Http() => new() { BaseAddress = BaseAddress };
}

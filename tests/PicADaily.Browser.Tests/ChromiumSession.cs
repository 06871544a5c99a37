using Microsoft.Playwright;

namespace PicADaily.Browser.Tests;

/// <summary>Playwright and one headless chromium (<see cref="Chromium"/>), started and disposed together, for a test class's lifetime.</summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private ChromiumSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new ChromiumSession(playwright, await Chromium.LaunchAsync(playwright));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}

using Microsoft.Playwright;

namespace PicADaily.Browser.Tests;

/// <summary>
/// Debian's chromium, headless, with the flags this closed network needs. No browser is ever
/// downloaded: a missing chromium is a failure that says how to install it.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ExecutablePath), $"Browser tests need Debian's chromium at {ExecutablePath}: apt-get install -y chromium");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }
}

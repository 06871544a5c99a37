using System.Text.Json;
using Microsoft.Playwright;

namespace PicADaily.Browser.Tests;

/// <summary>
/// What a page's own EventSource hears from <c>/api/live</c> (type, SSE id, data), and its drops and
/// reopenings, recorded by a script that runs before the page's own: the page's listeners still run
/// as before. Shared by the browser tests on an in-process stack and those through the app host.
/// </summary>
public static class LiveEventLog
{
    private const string RecordingScript =
        """
        (() => {
          const Native = window.EventSource;
          window.liveLog = [];
          window.EventSource = class extends Native {
            constructor(url, init) {
              super(url, init);
              for (const type of ["ready", "picture", "cursor", "reload"]) {
                this.addEventListener(type, e => window.liveLog.push({ type, id: e.lastEventId, data: e.data }));
              }
              this.addEventListener("open", () => window.liveLog.push({ type: "open", id: "", data: "" }));
              this.addEventListener("error", () => window.liveLog.push({ type: "error", id: "", data: "" }));
            }
          };
        })();
        """;

    /// <summary>Opens <paramref name="path"/> recording its live stream, once the stream is listening.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path, float timeoutMs)
    {
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(RecordingScript);
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-live-ready='true']", new() { Timeout = timeoutMs });
        return page;
    }

    public static async Task<IReadOnlyList<HeardEvent>> ReadAsync(IPage page) =>
        JsonSerializer.Deserialize<HeardEvent[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.liveLog)"), JsonSerializerOptions.Web)!;

    /// <summary>Waits until the stream has dropped at least once since the page opened.</summary>
    public static Task WaitForDropAsync(IPage page, float timeoutMs) =>
        page.WaitForFunctionAsync("() => window.liveLog.some(e => e.type === 'error')", null, new() { Timeout = timeoutMs });

    /// <summary>Waits until the page has heard the update of this kind for this picture.</summary>
    public static Task WaitForUpdateAsync(IPage page, string picture, string kind, float timeoutMs) =>
        page.WaitForFunctionAsync(
            "([picture, kind]) => window.liveLog.some(e => e.type === 'picture' && JSON.parse(e.data).picture === picture && JSON.parse(e.data).kind === kind)",
            new[] { picture, kind },
            new() { Timeout = timeoutMs });
}

/// <summary>One thing a page's EventSource heard: an SSE event, or its "open" and "error".</summary>
public sealed record HeardEvent(string Type, string Id, string Data)
{
    /// <summary>The picture and timeline kind of a "picture" update.</summary>
    public (string Picture, string Kind) Update()
    {
        var update = JsonDocument.Parse(Data).RootElement;
        return (update.GetProperty("picture").GetString() ?? "", update.GetProperty("kind").GetString() ?? "");
    }
}

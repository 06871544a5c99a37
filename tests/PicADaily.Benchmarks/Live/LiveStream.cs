using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace PicADaily.Benchmarks.Live;

/// <summary>
/// An open <c>/api/live</c> stream, as the gallery page keeps one: when each picture was first named on
/// it (a listener who is not its uploader hears a name only once the picture is visible).
/// </summary>
internal sealed class LiveStream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TimeSpan> firstNamed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch clock;
    private readonly Task reading;

    public LiveStream(Uri frontend, Stopwatch clock)
    {
        this.clock = clock;
        reading = ReadAsync(frontend);
    }

    public Task Ready => ready.Task;

    /// <exception cref="InvalidOperationException">The stream ended or failed: nothing more will be heard.</exception>
    public TimeSpan? FirstNamed(string name)
    {
        if (firstNamed.TryGetValue(name, out var at))
        {
            return at;
        }

        return reading.IsCompleted ? throw new InvalidOperationException("/api/live ended: " + (reading.Exception?.GetBaseException().Message ?? "closed by the server")) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed on purpose.
        }

        stop.Dispose();
    }

    private async Task ReadAsync(Uri frontend)
    {
        // Its own client: a stream stays open far longer than any request timeout.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = frontend, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/live");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        string? eventName = null;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line["event:".Length..].Trim();
                if (eventName == "ready")
                {
                    ready.TrySetResult();
                }
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == "picture")
            {
                using var data = JsonDocument.Parse(line["data:".Length..]);
                if (data.RootElement.TryGetProperty("picture", out var picture) && picture.GetString() is { Length: > 0 } name)
                {
                    firstNamed.TryAdd(name, clock.Elapsed);
                }
            }
        }
    }
}

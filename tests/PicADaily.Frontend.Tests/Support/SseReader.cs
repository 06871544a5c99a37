namespace PicADaily.Frontend.Tests.Support;

/// <summary>One server-sent event as a browser's EventSource parses it.</summary>
public sealed record SseEvent(string Type, string? Id, string Data);

/// <summary>Reads <c>/api/live</c> event by event (fields in any order, a blank line ends an event).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream);

    public async Task<SseEvent> NextAsync(CancellationToken cancellationToken)
    {
        string type = "message", data = "";
        string? id = null;
        var any = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseEvent(type, id, data);
                }

                continue;
            }

            any = true;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data = data.Length == 0 ? value : data + "\n" + value; break;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    /// <summary>The next event of <paramref name="type"/>, skipping others.</summary>
    public async Task<SseEvent> NextAsync(string type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await NextAsync(cancellationToken);
            if (next.Type == type)
            {
                return next;
            }
        }
    }

    public void Dispose() => reader.Dispose();
}

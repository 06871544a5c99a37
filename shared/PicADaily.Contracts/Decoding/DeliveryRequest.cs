namespace PicADaily.Contracts.Decoding;

/// <summary>
/// One HTTP delivery as the receiving endpoint saw it, free of ASP.NET types so that the
/// decoding rules live here, next to the contracts they decode. Header names are case-insensitive.
/// </summary>
public sealed class DeliveryRequest
{
    public DeliveryRequest(IEnumerable<KeyValuePair<string, string>> headers, string? contentType, ReadOnlyMemory<byte> body)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            // The first value wins, as in the CloudEvents HTTP binding.
            byName.TryAdd(name, value);
        }

        Headers = byName;

        ContentType = string.IsNullOrWhiteSpace(contentType) ? null : contentType;
        Body = body;
    }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? ContentType { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

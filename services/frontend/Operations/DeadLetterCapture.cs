using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PicADaily.Frontend.Operations;

/// <summary>
/// Keeps every dead-lettered message that is pushed to <c>/events</c> (data and attributes, as
/// Pub/Sub's wrapped push carries them) before the timeline handler records it, so an operator can
/// replay it from <c>/operations</c>. Other deliveries pass untouched. A failure to keep it fails
/// the delivery, and Pub/Sub brings it again.
/// </summary>
public sealed class DeadLetterCapture(RequestDelegate next)
{
    // Pub/Sub push bodies are small; a larger body is no dead letter of ours, and the endpoint judges it.
    private const int MaxInspectedBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, DeadLetterStore store, TimeProvider clock)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/events"
            && context.Request.ContentLength is null or (> 0 and <= MaxInspectedBytes)
            && context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxInspectedBytes);
            var record = await ReadAsync(context.Request.Body, clock.GetUtcNow(), context.RequestAborted);
            context.Request.Body.Position = 0;
            if (record is not null)
            {
                await store.AddAsync(record, context.RequestAborted);
            }
        }

        await next(context);
    }

    internal static async Task<DeadLetterRecord?> ReadAsync(Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("attributes", out var attributesJson) || attributesJson.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var all = attributesJson.EnumerateObject().Where(a => a.Value.ValueKind == JsonValueKind.String).ToDictionary(a => a.Name, a => a.Value.GetString()!);
            if (!all.TryGetValue(DeadLetterAttributes.SourceSubscription, out var source))
            {
                return null;
            }

            var data = message.TryGetProperty("data", out var dataJson) && dataJson.ValueKind == JsonValueKind.String && dataJson.TryGetBytesFromBase64(out var bytes) ? bytes : [];
            var messageId = message.TryGetProperty("messageId", out var idJson) && idJson.ValueKind == JsonValueKind.String ? idJson.GetString()! : Convert.ToHexString(SHA256.HashData(data));
            var original = all.Where(a => !a.Key.StartsWith(DeadLetterAttributes.Prefix, StringComparison.Ordinal)).ToDictionary();
            var picture = original.GetValueOrDefault("objectId") ?? original.GetValueOrDefault("ce-subject") ?? "";
            var generation = long.TryParse(original.GetValueOrDefault("objectGeneration"), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
            var attempts = int.TryParse(all.GetValueOrDefault(DeadLetterAttributes.SourceDeliveryCount), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : (int?)null;
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("dead-letter\n" + messageId)));
            return new DeadLetterRecord(id, ShortName(source), attempts, data, original, picture, generation, now);
        }
    }

    private static string ShortName(string fullName) => fullName[(fullName.LastIndexOf('/') + 1)..];
}

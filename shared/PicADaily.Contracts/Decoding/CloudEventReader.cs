using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using PicADaily.Contracts.Events;

namespace PicADaily.Contracts.Decoding;

/// <summary>Reads CloudEvents in binary mode (from HTTP headers or Pub/Sub attributes) and in structured mode.</summary>
internal static class CloudEventReader
{
    private const string Prefix = "ce-";
    private const string SpecVersionAttribute = "specversion";
    private const string DataContentTypeAttribute = "datacontenttype";

    /// <param name="percentEncoded">True for HTTP headers (values are percent-encoded); false for Pub/Sub attributes (canonical strings).</param>
    public static CloudEvent ReadBinary(IReadOnlyDictionary<string, string> attributes, string? contentType, ReadOnlyMemory<byte> data, bool percentEncoded)
    {
        var versionId = Find(attributes, Prefix + SpecVersionAttribute)
            ?? throw new EventDecodeException("missing ce-specversion");
        var version = CloudEventsSpecVersion.FromVersionId(versionId)
            ?? throw new EventDecodeException($"unknown ce-specversion '{versionId}'");

        var cloudEvent = new CloudEvent(version, CloudEventFormat.Extensions);
        foreach (var (key, rawValue) in attributes)
        {
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = key[Prefix.Length..].ToLowerInvariant();
            if (name == SpecVersionAttribute)
            {
                continue;
            }

            var value = percentEncoded ? HttpUtilities.DecodeHeaderValue(rawValue) : rawValue;
            try
            {
                if (name == DataContentTypeAttribute)
                {
                    // Not allowed in HTTP binary mode, but the Pub/Sub binding draft shows it.
                    cloudEvent.DataContentType = value;
                }
                else
                {
                    cloudEvent.SetAttributeFromString(name, value);
                }
            }
            catch (ArgumentException e)
            {
                throw new EventDecodeException($"invalid {key}: {e.Message}", e);
            }
        }

        cloudEvent.DataContentType ??= contentType;
        RequireCoreAttributes(cloudEvent);
        try
        {
            CloudEventFormat.Formatter.DecodeBinaryModeEventData(data, cloudEvent);
        }
        catch (JsonException e)
        {
            throw new EventDecodeException($"the event data is not valid JSON: {e.Message}", e);
        }

        return cloudEvent;
    }

    public static CloudEvent ReadStructured(ReadOnlyMemory<byte> body, string contentType)
    {
        try
        {
            var cloudEvent = CloudEventFormat.Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), CloudEventFormat.Extensions);
            RequireCoreAttributes(cloudEvent);
            return cloudEvent;
        }
        catch (JsonException e)
        {
            throw new EventDecodeException($"the structured CloudEvent is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new EventDecodeException($"the structured CloudEvent is malformed: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new EventDecodeException($"the structured CloudEvent is invalid: {e.Message}", e);
        }
    }

    private static void RequireCoreAttributes(CloudEvent cloudEvent)
    {
        if (string.IsNullOrEmpty(cloudEvent.Id))
        {
            throw new EventDecodeException("missing ce-id");
        }

        if (cloudEvent.Source is null)
        {
            throw new EventDecodeException("missing ce-source");
        }

        if (string.IsNullOrEmpty(cloudEvent.Type))
        {
            throw new EventDecodeException("missing ce-type");
        }
    }

    private static string? Find(IReadOnlyDictionary<string, string> attributes, string name)
    {
        foreach (var (key, value) in attributes)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

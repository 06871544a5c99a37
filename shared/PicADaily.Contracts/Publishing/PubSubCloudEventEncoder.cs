using CloudNative.CloudEvents;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.PubSub;

namespace PicADaily.Contracts.Publishing;

/// <summary>
/// Encodes a CloudEvent as a Pub/Sub message with Google's CloudEvents Pub/Sub binding, binary
/// mode: data = the event data, every attribute (extensions included) as a <c>ce-{name}</c>
/// attribute in canonical string form, and the data content type as <c>content-type</c>.
/// Attributes are visible to subscription filters, which is why binary mode is used.
/// </summary>
public static class PubSubCloudEventEncoder
{
    private const string ContentTypeAttribute = "content-type";

    public static PubSubMessage Encode(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        cloudEvent.Validate();

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ce-specversion"] = cloudEvent.SpecVersion.VersionId,
        };
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute == cloudEvent.SpecVersion.DataContentTypeAttribute)
            {
                continue;
            }

            attributes["ce-" + attribute.Name] = attribute.Format(value);
        }

        if (cloudEvent.DataContentType is { } contentType)
        {
            attributes[ContentTypeAttribute] = contentType;
        }

        var data = cloudEvent.Data is null ? ReadOnlyMemory<byte>.Empty : CloudEventFormat.Formatter.EncodeBinaryModeEventData(cloudEvent);
        return new PubSubMessage(data, attributes);
    }
}

using System.Text;
using PicADaily.Contracts.Decoding;

namespace PicADaily.Contracts.Tests;

public sealed class MalformedDeliveryTests
{
    private const string ValidAttributes = """
        "bucketId":"pictures","objectId":"cat.png","objectGeneration":"42","eventType":"OBJECT_FINALIZE","payloadFormat":"NONE"
        """;

    public static TheoryData<string, string?, string, string, string> Cases() => new()
    {
        // description, content type, headers (name:value;...), body, expected error fragment
        { "body is not JSON", "application/json", "", "{not json", "not a Pub/Sub push envelope" },
        { "structured event is not JSON", "application/cloudevents+json", "", "{\"specversion\":", "not valid JSON" },
        { "binary event without ce-id", "application/json", "ce-specversion:1.0;ce-type:t;ce-source://s", "{}", "missing ce-id" },
        { "binary event without ce-source", "application/json", "ce-specversion:1.0;ce-type:t;ce-id:1", "{}", "missing ce-source" },
        { "binary event without ce-type", "application/json", "ce-specversion:1.0;ce-id:1;ce-source://s", "{}", "missing ce-type" },
        { "unknown specversion", "application/json", "ce-specversion:0.9;ce-id:1;ce-type:t;ce-source://s", "{}", "unknown ce-specversion '0.9'" },
        { "invalid ce-time", "application/json", "ce-specversion:1.0;ce-id:1;ce-type:t;ce-source://s;ce-time:yesterday", "{}", "invalid ce-time" },
        { "binary event data is not JSON", "application/json", "ce-specversion:1.0;ce-id:1;ce-type:t;ce-source://s", "{oops", "not valid JSON" },
        { "batch mode", "application/cloudevents-batch+json", "", "[]", "batched CloudEvents are not accepted" },
        { "envelope without message", "application/json", "", "{\"subscription\":\"s\"}", "not a Pub/Sub push envelope" },
        { "message is not an object", "application/json", "", "{\"message\":\"x\"}", "no 'message' object" },
        { "bad base64", "application/json", "", "{\"message\":{\"data\":\"%%%\",\"messageId\":\"1\",\"attributes\":{\"a\":\"b\"}}}", "not valid base64" },
        { "attribute is not a string", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":7}}}", "must be a string" },
        { "missing objectId", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":\"pictures\",\"objectGeneration\":\"1\",\"eventType\":\"OBJECT_FINALIZE\"}}}", "missing attribute 'objectId'" },
        { "missing eventType", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":\"pictures\",\"objectId\":\"a\",\"objectGeneration\":\"1\"}}}", "missing attribute 'eventType'" },
        { "unknown eventType", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":\"p\",\"objectId\":\"a\",\"objectGeneration\":\"1\",\"eventType\":\"OBJECT_EXPLODED\"}}}", "unknown storage eventType 'OBJECT_EXPLODED'" },
        { "generation is not a number", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":\"p\",\"objectId\":\"a\",\"objectGeneration\":\"-5\",\"eventType\":\"OBJECT_DELETE\"}}}", "objectGeneration '-5' is not a positive integer" },
        { "wrong payload format", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{" + ValidAttributes.Replace("NONE", "XML_V9", StringComparison.Ordinal) + "}}}", "unknown payloadFormat 'XML_V9'" },
        { "payload is not JSON", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"data\":\"" + Convert.ToBase64String("nope"u8.ToArray()) + "\",\"attributes\":{" + ValidAttributes.Replace("NONE", "JSON_API_V1", StringComparison.Ordinal) + "}}}", "JSON_API_V1 payload is not valid JSON" },
        { "payload disagrees with attributes", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"data\":\"" + Convert.ToBase64String("{\"bucket\":\"pictures\",\"name\":\"cat.png\",\"generation\":\"43\"}"u8.ToArray()) + "\",\"attributes\":{" + ValidAttributes.Replace("NONE", "JSON_API_V1", StringComparison.Ordinal) + "}}}", "generation 43 but the attributes say 42" },
        { "object name with a line feed", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"bucketId\":\"p\",\"objectId\":\"a\\nb\",\"objectGeneration\":\"1\",\"eventType\":\"OBJECT_DELETE\"}}}", "carriage return or line feed" },
        { "empty message", "application/json", "", "{\"message\":{\"messageId\":\"1\"}}", "neither data nor attributes" },
        { "deliveryAttempt is not a number", "application/json", "", "{\"message\":{\"messageId\":\"1\",\"attributes\":{\"a\":\"b\"}},\"deliveryAttempt\":\"x\"}", "deliveryAttempt must be an integer" },
        { "storage CloudEvent without data", "application/json", "ce-specversion:1.0;ce-id:1;ce-type:google.cloud.storage.object.v1.finalized;ce-source://storage.googleapis.com/projects/_/buckets/p", "", "needs a JSON object as data" },
        { "storage CloudEvent without generation", "application/json", "ce-specversion:1.0;ce-id:1;ce-type:google.cloud.storage.object.v1.finalized;ce-source://s", "{\"bucket\":\"p\",\"name\":\"a\"}", "has no generation" },
        { "activity event with malformed data", "application/json", "ce-specversion:1.0;ce-id:1;ce-type:dev.picadaily.picture.analyzed.v1;ce-source://s", "{\"generation\":\"many\"}", "data is malformed" },
        { "structured event missing type", "application/cloudevents+json", "", "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//s\"}", "invalid" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_delivery_yields_a_clear_error(string description, string? contentType, string headers, string body, string expectedError)
    {
        var request = new DeliveryRequest(ParseHeaders(headers), contentType, Encoding.UTF8.GetBytes(body));

        var result = EventDecoder.Decode(request);

        Assert.False(result.Succeeded, $"{description}: decoded unexpectedly as {result.Event}");
        Assert.Contains(expectedError, result.Error, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseHeaders(string headers) =>
        headers.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Split(':', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1]));
}
